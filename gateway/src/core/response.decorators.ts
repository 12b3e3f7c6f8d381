import { SetMetadata } from '@nestjs/common';

export const SUCCESS_MESSAGE = 'wp:success-message';
export const PAGINATED = 'wp:paginated';
export const RAW_RESPONSE = 'wp:raw-response';

/** The `message` of the success envelope, as the seed shows it for some endpoints. */
export const SuccessMessage = (message: string) => SetMetadata(SUCCESS_MESSAGE, message);
/** A result whose envelope `message` depends on the result itself; it wins over @SuccessMessage. */
export class WithMessage<T> {
  constructor(
    readonly data: T,
    readonly message: string,
  ) {}
}

/** The handler returns a Page: `items` go to `data`, the cursor to `pagination`. */
export const Paginated = () => SetMetadata(PAGINATED, true);
/** The handler writes the reply itself (files, redirects, HTML pages). */
export const RawResponse = () => SetMetadata(RAW_RESPONSE, true);
