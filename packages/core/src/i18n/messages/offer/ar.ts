import type { OfferCatalog } from '../en.ts';

/**
 * Modern Standard Arabic, laid out right to left. Counts take all six plural categories, in the
 * case the sentence needs: after "لمدة" and "خلال" the dual is genitive (شهرين, يومين); alone it is
 * nominative (شهران). 3–10 take the plural, 11–99 the accusative singular, 100… the genitive singular.
 */
const ar: OfferCatalog = {
  'offer.title': 'قبل المغادرة',
  'offer.decline': 'لا، شكرًا',

  'discount.titlePercent':
    'خصم {percent} لمدة {months, plural, zero {# شهر} one {شهر واحد} two {شهرين} few {# أشهر} many {# شهرًا} other {# شهر}}',
  'discount.titleAmount':
    'خصم {amount} لمدة {months, plural, zero {# شهر} one {شهر واحد} two {شهرين} few {# أشهر} many {# شهرًا} other {# شهر}}',
  'discount.body': 'احتفظ بخطتك بسعر أقل، ثم يعود السعر المعتاد بعد ذلك.',
  'discount.newPrice': 'السعر الجديد: {price}',
  'discount.accept': 'قبول الخصم',

  'pause.title': 'إيقاف الاشتراك مؤقتًا',
  'pause.body': 'خذ استراحة بدلًا من الإلغاء. يبقى حسابك وبياناتك كما هي.',
  'pause.chooserLabel': 'مدة الإيقاف المؤقت',
  'pause.months': '{count, plural, zero {# شهر} one {شهر واحد} two {شهران} few {# أشهر} many {# شهرًا} other {# شهر}}',
  'pause.weeks':
    '{count, plural, zero {# أسبوع} one {أسبوع واحد} two {أسبوعان} few {# أسابيع} many {# أسبوعًا} other {# أسبوع}}',
  'pause.resumesOn': 'تُستأنف الفوترة في {date}',
  'pause.accept': 'إيقاف الاشتراك مؤقتًا',

  'planChange.title': 'تغيير الخطة',
  'planChange.body': 'قد تناسبك خطة أخرى بشكل أفضل.',
  'planChange.chooserLabel': 'الخطط المتاحة',
  'planChange.perMonth': '{price} شهريًا',
  'planChange.perYear': '{price} سنويًا',
  'planChange.accept': 'التبديل إلى {plan}',

  'trial.title': 'تمديد الفترة التجريبية',
  'trial.body': 'خذ وقتًا أطول لاتخاذ قرارك، دون أي تكلفة.',
  'trial.days':
    '{days, plural, zero {# يوم إضافي} one {يوم إضافي واحد} two {يومان إضافيان} few {# أيام إضافية} many {# يومًا إضافيًا} other {# يوم إضافي}}',
  'trial.endsOn': 'تنتهي فترتك التجريبية في {date}',
  'trial.accept': 'تمديد الفترة التجريبية',

  'contact.title': 'تحدّث إلينا',
  'contact.body': 'إذا كان هناك ما لا يعمل كما ينبغي، فبإمكان أحد أعضاء فريقنا مساعدتك.',
  'contact.email': 'راسلنا عبر البريد الإلكتروني',
  'contact.chat': 'تحدّث معنا عبر الدردشة',
  'contact.call': 'اتصل بنا',
  'contact.book': 'احجز مكالمة',

  'redirect.title': 'قد يفيدك هذا',
  'redirect.accept': 'اعرف المزيد',

  'custom.title': 'عرض خاص لك',
  'custom.accept': 'قبول العرض',

  'error.offer': 'تعذّر التأكد من تطبيق هذا العرض. حاول مرة أخرى، أو تابع الإلغاء.',
  'error.retry': 'إعادة المحاولة',
};

export default ar;
