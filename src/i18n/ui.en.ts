/** The app's own screens and chrome (English). Forms have their own catalog: forms.en.ts. */
export const uiEn = {
  nav: {
    runs: 'Runs',
    people: 'People',
    settings: 'Settings',
  },
  action: {
    newRun: 'New run',
    submit: 'Submit',
    save: 'Save',
    cancel: 'Cancel',
    confirm: 'Confirm',
    back: 'Back',
  },
  common: {
    title: 'Title',
    period: 'Period',
    lead: 'Lead',
    scenario: 'Scenario',
    status: 'Status',
    lastChange: 'Last change',
    search: 'Search',
    filter: 'Filter',
    all: 'All',
    none: 'None',
    language: 'Language',
    actingAs: 'Acting as',
  },
  toast: {
    saved: 'Saved',
    submitted: 'Submitted for review',
    decided: 'Decision recorded',
  },
  error: {
    generic: 'Something went wrong: {detail}',
  },
} as const;
