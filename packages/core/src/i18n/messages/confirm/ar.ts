import type { ConfirmCatalog } from '../en.ts';

/**
 * Modern Standard Arabic, laid out right to left. Counts take all six plural categories, in the
 * case the sentence needs: after "لمدة" and "خلال" the dual is genitive (شهرين, يومين); alone it is
 * nominative (شهران). 3–10 take the plural, 11–99 the accusative singular, 100… the genitive singular.
 */
const ar: ConfirmCatalog = {
  'confirm.title': 'تأكيد الإلغاء',
  'confirm.description': 'بالتأكيد. يُرجى مراجعة التفاصيل أدناه قبل الإلغاء.',
  'confirm.accessEndsOn': 'ينتهي وصولك في {date}.',
  'confirm.accessEndsNow': 'ينتهي وصولك فورًا.',
  'confirm.accessEndsPeriodEnd': 'يستمر وصولك حتى نهاية فترة الفوترة الحالية.',
  'confirm.refundNone': 'لا يوجد استرداد للفترة الحالية.',
  'confirm.refundAmount': 'سنرد إليك {amount}.',
  'confirm.refundProrated': 'ستسترد المبلغ المقابل للجزء غير المستخدم من الفترة الحالية.',
  'confirm.refundFullWithin':
    'تحصل على استرداد كامل إذا ألغيت خلال {days, plural, zero {# يوم} one {يوم واحد} two {يومين} few {# أيام} many {# يومًا} other {# يوم}} من آخر دفعة.',
  'confirm.withdraw': 'الانسحاب من العقد',
  'confirm.withdrawExplain':
    'يمكنك خلال {days, plural, zero {# يوم} one {يوم واحد} two {يومين} few {# أيام} many {# يومًا} other {# يوم}} من إبرام العقد الانسحاب منه واسترداد ما دفعته.',
  'confirm.withdrawEnded':
    'انتهت فترة الانسحاب في {date}، لذا لم يعد بإمكانك الانسحاب من العقد. لم يُلغَ أي شيء: لا يزال بإمكانك الإلغاء أدناه.',
  'confirm.button': 'إلغاء الاشتراك',
  'confirm.keep': 'الاحتفاظ باشتراكي',
  'support.title': 'لديك أسئلة؟ تواصل معنا',
  'error.cancel': 'تعذّر إتمام الإلغاء. يُرجى المحاولة مرة أخرى.',
};

export default ar;
