export * from './civil-date.js';
export * from './identity-check.js';
export * from './mobile.js';
export * from './person-name.js';
export * from './pii-hash.js';
export * from './regions.js';
export * from './resident-id.js';
