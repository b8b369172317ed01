/* Reference layout by GNU FriBidi's library, for qari's differential test
 * (tests/bidi_fribidi.rs). qari forbids unsafe Rust, so the library is driven from this
 * small C program instead, compiled by the test with `cc` and `pkg-config fribidi`.
 *
 * Input on stdin, two lines per paragraph:
 *   <shape 0|1> <n> <off_1> <len_1> ... <off_n> <len_n>   (line ranges in code points)
 *   <paragraph text, UTF-8>
 * Output on stdout, per paragraph: "D L" or "D R" (the resolved paragraph direction), then
 * n lines: each line of the paragraph in visual order, UTF-8.
 *
 * Per paragraph: bidi types, bracket types, embedding levels for the whole paragraph (base
 * direction ON: rules P2/P3); with shaping, joining types + fribidi_join_arabic +
 * fribidi_shape (presentation forms, lam-alef ligatures, mirroring); without, mirroring only.
 * Per line: fribidi_reorder_line with FRIBIDI_FLAGS_DEFAULT | FRIBIDI_FLAG_REORDER_NSM on a
 * fresh copy of the paragraph levels (it applies rule L1 to the line in place). */
#include <fribidi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINES 4096

int main(void) {
  char *head = NULL, *text = NULL;
  size_t head_cap = 0, text_cap = 0;
  long offs[MAX_LINES], lens[MAX_LINES];
  while (getline(&head, &head_cap, stdin) > 0) {
    ssize_t tl = getline(&text, &text_cap, stdin);
    if (tl < 0) return 1;
    if (tl > 0 && text[tl - 1] == '\n') text[--tl] = '\0';
    char *p = head;
    int shape = (int)strtol(p, &p, 10);
    int n = (int)strtol(p, &p, 10);
    if (n < 0 || n > MAX_LINES) return 2;
    for (int i = 0; i < n; i++) {
      offs[i] = strtol(p, &p, 10);
      lens[i] = strtol(p, &p, 10);
    }
    FriBidiChar *str = malloc(sizeof(FriBidiChar) * (tl + 1));
    FriBidiStrIndex len = fribidi_charset_to_unicode(FRIBIDI_CHAR_SET_UTF8, text, (FriBidiStrIndex)tl, str);
    FriBidiCharType *types = malloc(sizeof(FriBidiCharType) * (len + 1));
    FriBidiBracketType *brackets = malloc(sizeof(FriBidiBracketType) * (len + 1));
    FriBidiLevel *levels = malloc(sizeof(FriBidiLevel) * (len + 1));
    FriBidiLevel *line_levels = malloc(sizeof(FriBidiLevel) * (len + 1));
    FriBidiArabicProp *props = malloc(sizeof(FriBidiArabicProp) * (len + 1));
    FriBidiChar *visual = malloc(sizeof(FriBidiChar) * (len + 1));
    char *out = malloc(4 * (size_t)len + 8);
    fribidi_get_bidi_types(str, len, types);
    fribidi_get_bracket_types(str, len, types, brackets);
    FriBidiParType base = FRIBIDI_PAR_ON;
    if (!fribidi_get_par_embedding_levels_ex(types, brackets, len, &base, levels) && len > 0)
      return 3;
    if (shape) {
      fribidi_get_joining_types(str, len, props);
      fribidi_join_arabic(types, len, levels, props);
      fribidi_shape(FRIBIDI_FLAGS_DEFAULT | FRIBIDI_FLAGS_ARABIC, levels, len, props, str);
    } else {
      fribidi_shape_mirroring(levels, len, str);
    }
    printf("D %c\n", FRIBIDI_IS_RTL(base) ? 'R' : 'L');
    for (int i = 0; i < n; i++) {
      if (offs[i] < 0 || lens[i] < 0 || offs[i] + lens[i] > len) return 4;
      memcpy(line_levels, levels, sizeof(FriBidiLevel) * len);
      memcpy(visual, str, sizeof(FriBidiChar) * len);
      if (!fribidi_reorder_line(FRIBIDI_FLAGS_DEFAULT | FRIBIDI_FLAG_REORDER_NSM, types,
                           (FriBidiStrIndex)lens[i], (FriBidiStrIndex)offs[i], base,
                           line_levels, visual, NULL) && lens[i] > 0) return 5;
      fribidi_unicode_to_charset(FRIBIDI_CHAR_SET_UTF8, visual + offs[i], (FriBidiStrIndex)lens[i], out);
      printf("%s\n", out);
    }
    free(str); free(types); free(brackets); free(levels); free(line_levels);
    free(props); free(visual); free(out);
  }
  return 0;
}
