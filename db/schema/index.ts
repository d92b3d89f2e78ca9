export * from './tenancy';
export * from './audit';
export * from './auth';
export * from './inventory';
export * from './screening';
export * from './access';
export * from './jobs';
