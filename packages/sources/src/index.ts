export { createStateSource, type SourceOptions } from './create-state-source.js';
export { type OpenEstateOptions, type OpenedEstate, openEstate } from './open-estate.js';
export { type RetryOptions, withRetry } from './retry.js';
export { terraformToken, tokenVariable } from './terraform-token.js';
