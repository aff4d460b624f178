/**
 * The remainder of a decimal number of any length divided by 97, computed a few digits at a time
 * so that IBANs (up to 70 digits once letters are expanded) stay exact without BigInt.
 */
export function mod97(digits: string): number {
  let remainder = 0;
  for (let i = 0; i < digits.length; i += 7) {
    remainder = Number(`${remainder}${digits.slice(i, i + 7)}`) % 97;
  }
  return remainder;
}
