/**
 * Limits on variable expansion, shared by every parser that substitutes values (make, shell,
 * Dockerfile ENV/ARG, `${{ env.X }}`). A ~1 KB file that doubles a variable 60 times would
 * otherwise need 2^60 characters; one that fans recursive make variables out would never end.
 *
 * One budget per file. Each expanded reference asks the budget first: a value that would grow
 * past `maxLength` characters, or any reference once the file has spent `maxWork`, is not
 * expanded. The reference then stands for a value only known at run time (undefined in the
 * model), exactly like `$(shell …)`, and the file gets a note saying so. Pure; never throws.
 */

/** Longest value (in characters) one expansion may produce. */
export const MAX_EXPANDED_LENGTH = 65_536;

/** Expansion work per file: characters copied by expansions plus one per reference expanded. */
const MAX_EXPANSION_WORK = 4_000_000;

export class ExpansionBudget {
  /** Work spent so far: a deterministic measure (tests assert on it, not on time). */
  work = 0;
  private tooLong = false;
  private exhausted = false;

  constructor(
    readonly maxLength = MAX_EXPANDED_LENGTH,
    readonly maxWork = MAX_EXPANSION_WORK,
  ) {}

  /** True once the file has spent its work: every further reference is left unexpanded. */
  get spent(): boolean {
    return this.work >= this.maxWork;
  }

  /**
   * Asks to expand one reference (e.g. to look into a recursive make variable). False when the
   * file's work is spent; the reference is then taken as only known at run time.
   */
  step(): boolean {
    if (this.spent) {
      this.exhausted = true;
      return false;
    }
    this.work++;
    return true;
  }

  /**
   * Asks to append a `length`-character expansion to a value that has `have` characters. True
   * when it fits (the work is spent); false when the value would be too long or the file's work
   * is spent: the reference is then taken as only known at run time.
   */
  take(have: number, length: number): boolean {
    if (this.spent) {
      this.exhausted = true;
      return false;
    }
    if (have + length > this.maxLength) {
      this.tooLong = true;
      this.work++;
      return false;
    }
    this.work += 1 + length;
    return true;
  }

  /** True when any reference was left unexpanded because of a limit. */
  get limited(): boolean {
    return this.tooLong || this.exhausted;
  }

  /** The notes for the file: what was not expanded and why. */
  notes(file: string): { file: string; reason: string }[] {
    const out: { file: string; reason: string }[] = [];
    if (this.tooLong) out.push({ file, reason: `a variable expands to more than ${this.maxLength} characters; such values are taken as only known at run time` });
    if (this.exhausted) out.push({ file, reason: `expanding variables took more than ${this.maxWork} steps; later values are taken as only known at run time` });
    return out;
  }
}
