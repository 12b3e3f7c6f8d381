export { detectPlatform, type Platform } from './platform.detector';
export { renderPassPage, type PassPageModel, type PassStatus } from './pass-page.renderer';
export { renderNotFoundPage } from './not-found-page.renderer';
export { contrastRatio, parseCssColor, readableTextColor, MIN_TEXT_CONTRAST, type Rgb } from './color-contrast';
export { renderEnrollmentFormPage, type EnrollmentFormPageModel, type EnrollmentFormField, type EnrollmentInput } from './enrollment-form.renderer';
