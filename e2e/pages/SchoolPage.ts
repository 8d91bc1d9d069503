import { BasePage } from './BasePage.js';

export class SchoolPage extends BasePage {
  async waitLoaded(): Promise<void> {
    await this.page.getByTestId('access-instructions').waitFor();
  }

  accessInstructions() {
    return this.page.getByTestId('access-instructions');
  }
}
