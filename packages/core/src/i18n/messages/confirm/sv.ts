import type { ConfirmCatalog } from '../en.ts';

/** Swedish, "du". A subscription is ended by "uppsägning". */
const sv: ConfirmCatalog = {
  'confirm.title': 'Bekräfta uppsägningen',
  'confirm.description': 'Självklart. Kontrollera uppgifterna nedan innan du säger upp.',
  'confirm.accessEndsOn': 'Din åtkomst upphör den {date}.',
  'confirm.accessEndsNow': 'Din åtkomst upphör nu.',
  'confirm.accessEndsPeriodEnd': 'Du har åtkomst till slutet av den pågående faktureringsperioden.',
  'confirm.refundNone': 'Ingen återbetalning görs för den pågående perioden.',
  'confirm.refundAmount': 'Du får {amount} återbetalt.',
  'confirm.refundProrated': 'Du får tillbaka pengar för den oanvända delen av den pågående perioden.',
  'confirm.refundFullWithin':
    'Du får full återbetalning om du säger upp inom {days, plural, one {# dag} other {# dagar}} från din senaste betalning.',
  'confirm.withdraw': 'Ångra avtalet',
  'confirm.withdrawExplain':
    'Inom {days, plural, one {# dag} other {# dagar}} från att avtalet ingicks kan du ångra det och få tillbaka det du har betalat.',
  'confirm.withdrawEnded':
    'Ångerfristen löpte ut den {date}, så du kan inte längre frånträda avtalet. Inget har sagts upp: du kan fortfarande säga upp nedan.',
  'confirm.button': 'Säg upp prenumerationen',
  'confirm.keep': 'Behåll min prenumeration',
  'support.title': 'Frågor? Kontakta oss',
  'error.cancel': 'Vi kunde inte slutföra uppsägningen. Försök igen.',
};

export default sv;
