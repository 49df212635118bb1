// The Amazon Cognito adapter of the IdP Connect SPI (see adapter.ts).
export { cognitoAdapter, type CognitoAdapterOptions } from './adapter';
