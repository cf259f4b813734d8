import type { MailCatalog } from './en.ts';

export default {
  'mail.cancelled.subject': 'تم تأكيد إلغاء اشتراكك',
  'mail.cancelled.intro': 'نؤكد لك أن اشتراكك قد أُلغي. يُرجى الاحتفاظ بهذه الرسالة.',
  'mail.withdrawn.subject': 'تم تأكيد انسحابك من العقد',
  'mail.withdrawn.intro': 'نؤكد انسحابك من العقد. انتهى العقد اليوم وسيُرد إليك كل ما دفعته.',
  'mail.receipt': 'عرض الإيصال',
  'mail.undo.note': 'هل غيّرت رأيك؟ يمكنك التراجع عن الإلغاء حتى {date}.',
  'mail.undo.noteOpen': 'هل غيّرت رأيك؟ يمكنك التراجع عن الإلغاء ما دام اشتراكك نشطًا.',
  'mail.undo.action': 'التراجع عن الإلغاء',
  'mail.saved.subject': 'تم تأكيد التغيير',
  'mail.saved.intro': 'شكرًا لبقائك معنا. نؤكد التغيير الذي أُجري على اشتراكك:',
  'mail.saved.applied': 'تم تطبيق التغيير.',
  'mail.unsubscribe.note': 'تصلك هذه الرسالة بسبب تغيير في اشتراكك.',
  'mail.unsubscribe.action': 'إلغاء الاشتراك في الرسائل',
  'mail.unsubscribe.page': 'هل تريد إيقاف رسائل كهذه؟ ستظل رسائل تأكيد الإلغاء تُرسل كما يقتضي القانون.',
  'mail.unsubscribe.done': 'تم إلغاء اشتراكك في الرسائل. لن نرسل إليك رسائل كهذه بعد الآن.',
  'mail.undo.page': 'سيستمر اشتراكك كما كان، وكذلك الفوترة.',
  'mail.undo.done': 'تم التراجع عن الإلغاء. اشتراكك مستمر.',
  'mail.undo.tooLate': 'انتهى هذا الاشتراك بالفعل، لذا لا يمكن التراجع عن الإلغاء.',
  'mail.link.invalid': 'هذا الرابط غير صالح أو انتهت صلاحيته.',
} satisfies MailCatalog;
