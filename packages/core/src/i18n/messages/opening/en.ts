/**
 * The first screen's built-in strings in English: the dialog frame and the survey step, which most flows
 * open with. The widget fetches them on the click and the other parts (confirm/, later/) once the first
 * screen is up; see ../en.ts for the syntax and the tone. Other locales are typed `OpeningCatalog`
 * (../en.ts), so a key added here fails the typecheck until every locale translates it.
 */
export const opening = {
  // The dialog frame
  'dialog.close': 'Close',
  'dialog.back': 'Back',
  'dialog.continueToCancel': 'Continue to cancel',
  'dialog.next': 'Continue',
  'dialog.step': 'Step {current}',

  // Survey step
  'survey.title': 'Why are you leaving?',
  'survey.description': "We're sorry to see you go. Choosing a reason is optional. It helps us improve.",
  'survey.reasonsLabel': 'Reason for cancelling',
  'survey.followUpPlaceholder': 'Tell us more (optional)',
} as const;

export default opening;
