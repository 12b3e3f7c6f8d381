export { isE164, isPossiblePhoneNumber } from './phone-number.validator';
export { composeSmsBody, type SmsBodyInput } from './sms-body.composer';
export { smsEncodingInfo, foldToGsm7, type SmsEncoding, type SmsEncodingInfo } from './sms-encoding';
export { SmsSendError, type SmsSendErrorDetails } from './sms-send.error';
export { TwilioSender, type TwilioSenderOptions, type SmsMessage, type SmsSendResult } from './twilio.sender';
export { validateTwilioSignature, type TwilioSignatureCheck } from './twilio-signature.validator';
