import { useQuery } from '@tanstack/react-query';
import type { DirectoryView, PublicSchoolView } from '../../../shared/contracts/structure';
import { get } from '../../api/client';

export function useDirectory() {
  return useQuery({ queryKey: ['directory'], queryFn: () => get<DirectoryView>('/api/public/directory') });
}

export function usePublicSchool(id: number) {
  return useQuery({
    queryKey: ['public-school', id],
    queryFn: () => get<PublicSchoolView>(`/api/public/schools/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
}
