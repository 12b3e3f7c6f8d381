/** Digits after the decimal point of a currency's minor unit (EUR 2, JPY 0, BHD 3), as ICU knows them. */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Minor units as a number of major units: 1250 EUR cents → 12.5. */
export function majorUnits(minor: number, currency: string): number {
  return minor / 10 ** minorDigits(currency);
}

/**
 * The text `{balance}` becomes inside a longer value: "€12.50". A field that is just
 * `{balance}` is instead a number with Apple's `currencyCode`, so Wallet formats it for the
 * holder's locale.
 */
export function formatMoney(minor: number, currency: string): string {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(majorUnits(minor, currency));
}
