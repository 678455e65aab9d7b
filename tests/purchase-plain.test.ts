import { purchaseSuite } from './support/purchase-suite';

process.env.PURCHASE_MODE = 'plain';
purchaseSuite('plain');
