export {
  FakeTwilioServer,
  type FakeTwilioCall,
  type FakeTwilioMessage,
  type FakeTwilioError,
  type CallbackStatus,
  type StatusCallbackOptions,
  type StatusCallbackResult,
} from './fake-twilio.server';
