import { purchaseSuite } from './support/purchase-suite';
import { configureApp } from './support/app-config';

configureApp({ PURCHASE_MODE: 'coalesce' });
purchaseSuite('coalesce');
