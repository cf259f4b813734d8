export { createDelivery, type Delivery, type DeliveryOptions, resumeDelivery } from './delivery.ts';
export { leaseLock, type TryLock, tabLock } from './lock.ts';
export { browserStore, type KeyValueStore, memoryStore } from './storage.ts';
