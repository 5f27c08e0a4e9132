/**
 * What other contexts may read of the disclosure context. Everything else in this folder (the
 * collections, their fields) is private and may change.
 */
export { villageHome } from './actions';
