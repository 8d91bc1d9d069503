import type { Generated } from 'kysely';

/** A person may be staff, a student and a guardian at once; each is a row of its own table. */
export interface PersonTable {
  id: Generated<number>;
  surname: string;
  name: string;
  patronymic: string;
  birth_date: string | null;
  email: string | null;
  phone: string | null;
  /** The id a school's own spreadsheets use, to match re-imports. */
  external_id: string | null;
  created_at: string;
}

export interface StaffTable {
  id: Generated<number>;
  school_id: number;
  person_id: number;
  position: string;
  started_on: string;
  ended_on: string | null;
}

/** A student's enrolment in a school; leaving or moving keeps the row with its end date. */
export interface EnrolmentTable {
  id: Generated<number>;
  school_id: number;
  person_id: number;
  started_on: string;
  ended_on: string | null;
  end_reason: string | null;
}

export interface GuardianshipTable {
  id: Generated<number>;
  school_id: number;
  guardian_person_id: number;
  student_person_id: number;
  relation: 'mother' | 'father' | 'other';
  created_at: string;
}

export interface AccountTable {
  id: Generated<number>;
  person_id: number;
  login: string | null;
  password_hash: string | null;
  /** pending: created, not activated; active; blocked: consent withdrawn or disabled by staff. */
  status: 'pending' | 'active' | 'blocked';
  activated_at: string | null;
  activation_code_hash: string | null;
  activation_code_expires_at: string | null;
  password_changed_at: string | null;
  failed_logins: number;
  locked_until: string | null;
  last_login_at: string | null;
  created_at: string;
}

/** A role granted in a scope. Withdrawn grants keep their row (revoked_at) so the history stays. */
export interface GrantTable {
  id: Generated<number>;
  person_id: number;
  role: string;
  region_id: number | null;
  municipality_id: number | null;
  school_id: number | null;
  class_id: number | null;
  granted_by: number | null;
  granted_at: string;
  revoked_by: number | null;
  revoked_at: string | null;
}

export interface SessionTable {
  id: Generated<number>;
  token_hash: string;
  account_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string;
  user_agent: string;
  revoked_at: string | null;
}

/** Sign-ins, failures, activations, password changes, grant changes: who, when, from where. */
export interface SecurityEventTable {
  id: Generated<number>;
  account_id: number | null;
  person_id: number | null;
  kind: string;
  detail: string;
  ip: string;
  user_agent: string;
  at: string;
}

export interface PeopleTables {
  persons: PersonTable;
  staff: StaffTable;
  enrolments: EnrolmentTable;
  guardianships: GuardianshipTable;
  accounts: AccountTable;
  grants: GrantTable;
  sessions: SessionTable;
  security_events: SecurityEventTable;
}
