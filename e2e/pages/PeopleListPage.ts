import { BasePage } from './BasePage.js';
import { PagedList } from './PagedList.js';

/** The school's people list (/people): one page of staff, pupils or guardians at a time. */
export class PeopleListPage extends BasePage {
  rows() {
    return this.page.getByTestId('people-table').locator('tbody tr');
  }

  readonly pager = new PagedList(this.page, { pager: 'people-pager' });
}
