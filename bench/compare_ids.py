#!/usr/bin/env python3
"""compare_ids.py A B: compares two id dumps (one line of ids per input line).

Prints the number of identical lines and the first differing line; exits 0
only when the dumps are identical.
"""
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1]) as fa, open(sys.argv[2]) as fb:
        a = fa.read().rstrip("\n").split("\n")
        b = fb.read().rstrip("\n").split("\n")
    diff = [i for i in range(max(len(a), len(b)))
            if (a[i] if i < len(a) else None) != (b[i] if i < len(b) else None)]
    print(f"lines {len(a)} vs {len(b)}: {max(len(a), len(b)) - len(diff)} identical, {len(diff)} differ")
    if diff:
        i = diff[0]
        print(f"first difference at line {i + 1}:\n  A: {a[i][:200] if i < len(a) else '<missing>'}\n"
              f"  B: {b[i][:200] if i < len(b) else '<missing>'}")
    sys.exit(1 if diff else 0)


if __name__ == "__main__":
    main()
