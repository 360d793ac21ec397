/* SPDX-License-Identifier: MIT */
/*
 * extract.c - the zn_extractor handle and zn_extract(): input checks, charset
 * detection and conversion, normalization, input kind detection, and the
 * dispatch to the text-dump or HTML extractor.  Every failure leaves a message
 * naming what was wrong with the input in the handle (zn_extractor_errmsg).
 */
#include "zhnews/extract.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "zhnews/text.h"
#include "extract/internal.h"
#include "private/charset.h"

#define ZN_ERRMSG_MAX 256
/* How far into the input the HTML sniffer looks. */
#define ZN_SNIFF_LEN 1024

struct zn_extractor {
  zn_format format;
  size_t max_input;
  int max_depth;
  char *url; /* where the next pages came from (zn_extractor_set_url) */
  char errmsg[ZN_ERRMSG_MAX];
};

int zn_extractor_new(zn_extractor **out) {
  zn_extractor *ex = zn_malloc(sizeof *ex);
  *out = NULL;
  if (ex == NULL)
    return ZN_ENOMEM;
  ex->format = ZN_FORMAT_AUTO;
  ex->max_input = ZN_EXTRACT_DEFAULT_MAX_INPUT;
  ex->max_depth = ZN_EXTRACT_DEFAULT_MAX_DEPTH;
  ex->url = NULL;
  ex->errmsg[0] = '\0';
  *out = ex;
  return ZN_OK;
}

void zn_extractor_free(zn_extractor *ex) {
  if (ex != NULL)
    zn_free(ex->url);
  zn_free(ex);
}

int zn_extractor_set_url(zn_extractor *ex, const char *url) {
  size_t n = url != NULL ? strlen(url) : 0;
  char *copy = NULL;
  if (n > ZN_MAX_URL_LEN || (n > 0 && !zn_utf8_valid(url, n, NULL)))
    return ZN_EINVAL;
  if (n > 0) {
    copy = zn_malloc(n + 1);
    if (copy == NULL)
      return ZN_ENOMEM;
    memcpy(copy, url, n + 1);
  }
  zn_free(ex->url);
  ex->url = copy;
  return ZN_OK;
}

int zn_extractor_set_format(zn_extractor *ex, zn_format fmt) {
  if (fmt != ZN_FORMAT_AUTO && fmt != ZN_FORMAT_TEXT && fmt != ZN_FORMAT_HTML)
    return ZN_EINVAL;
  ex->format = fmt;
  return ZN_OK;
}

void zn_extractor_set_max_input(zn_extractor *ex, size_t max_len) {
  ex->max_input = max_len == 0 ? ZN_EXTRACT_DEFAULT_MAX_INPUT : max_len;
}

void zn_extractor_set_max_depth(zn_extractor *ex, int max_depth) {
  ex->max_depth = max_depth <= 0 ? ZN_EXTRACT_DEFAULT_MAX_DEPTH : max_depth;
}

const char *zn_extractor_errmsg(const zn_extractor *ex) {
  return ex->errmsg;
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int
fail(zn_extractor *ex, int rc, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(ex->errmsg, sizeof ex->errmsg, fmt, ap);
  va_end(ap);
  return rc;
}

/* True if the (decoded) text starts like an HTML document. */
static bool looks_like_html(const char *s, size_t len) {
  static const char *const marks[] = {
      "<!doctype html", "<html",  "<head", "<body", "<meta",
      "<div",           "<title", "<?xml", "<p>",   "<!--"};
  size_t n = len < ZN_SNIFF_LEN ? len : ZN_SNIFF_LEN;
  size_t i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
    i++;
  if (i >= n || s[i] != '<')
    return false;
  for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++) {
    size_t m = strlen(marks[k]);
    if (n - i >= m) {
      bool eq = true;
      for (size_t j = 0; j < m && eq; j++) {
        char c = s[i + j];
        if (c >= 'A' && c <= 'Z')
          c = (char)(c - 'A' + 'a');
        eq = c == marks[k][j];
      }
      if (eq)
        return true;
    }
  }
  return false;
}

static bool only_space(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++) {
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
      return false;
  }
  return true;
}

/* The normalized prefix head_decides() looks at, in bytes of input. */
#define ZN_HEAD_LEN 4096

/*
 * Whether an HTML page can skip normalizing all of its text: normalizing
 * maps each character on its own (CR LF aside) and counts only invalid
 * UTF-8, so when the normalized head of the page holds more than
 * looks_like_html() reads, and text that is not space, and the rest of
 * the page is valid UTF-8 -- s always is: zn_charset_to_utf8() puts out
 * U+FFFD for whatever does not decode, from any encoding -- the head
 * answers the checks as the whole would.  0 and
 * *is_html when it does (then the page is HTML: a text dump needs all of
 * its text normalized); else ZN_ENOTEXT, or an error.
 */
static int head_decides(const zn_extractor *ex, const char *s, size_t len,
                        bool *is_html) {
  zn_buf head;
  size_t cut = len;
  size_t n_bad = 0;
  int rc;
  if (len > ZN_HEAD_LEN) {
    cut = ZN_HEAD_LEN;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
      cut--;
    if (cut > 0 && s[cut - 1] == '\r')
      cut--; /* keep CR LF together */
  }
  zn_buf_init(&head, 0);
  rc = zn_text_normalize(s, cut, ZN_NORM_ALL, &head, &n_bad);
  if (rc == ZN_OK) {
    rc = ZN_ENOTEXT;
    if (n_bad == 0 && (cut == len || head.len >= ZN_SNIFF_LEN) &&
        head.len > 0 && !only_space(head.data, head.len)) {
      *is_html =
          ex->format == ZN_FORMAT_HTML || looks_like_html(head.data, head.len);
      if (*is_html)
        rc = ZN_OK;
    }
  }
  zn_buf_free(&head);
  return rc;
}

static int warn_invalid(zn_article *a, size_t v) {
  char msg[128];
  int n = snprintf(msg, sizeof msg,
                   "%zu invalid byte sequences replaced with U+FFFD", v);
  return zn__strlist_push(&a->warnings, msg, n < 0 ? 0 : (size_t)n);
}

int zn_extract(zn_extractor *ex, const char *data, size_t len,
               zn_article **out) {
  zn_buf utf8;
  zn_buf norm;
  zn_article *a = NULL;
  zn_encoding enc;
  size_t n_bad_dec = 0;
  size_t n_bad_norm = 0;
  size_t valid_len;
  bool is_html;
  int rc;

  *out = NULL;
  ex->errmsg[0] = '\0';
  zn_buf_init(&utf8, 0);
  zn_buf_init(&norm, 0);
  if (len == 0 || only_space(data, len))
    return fail(ex, ZN_EEMPTY, "empty input");
  if (len > ex->max_input)
    return fail(ex, ZN_ETOOBIG, "input is %zu bytes, over the %zu-byte limit",
                len, ex->max_input);

  enc = zn__charset_detect_ex(data, len, zn_charset_sniff_declared(data, len),
                              NULL, &valid_len);
  if (enc != ZN_ENC_UTF16LE && enc != ZN_ENC_UTF16BE &&
      zn_text_looks_binary(data, len))
    return fail(ex, ZN_EBINARY, "binary data, not a text or HTML page");
  rc = zn__charset_to_utf8_ex(data, len, enc, valid_len, &utf8, &n_bad_dec);
  if (rc == ZN_EBADENC) {
    rc = fail(ex, rc, "cannot decode as %s or any other supported encoding",
              zn_encoding_name(enc));
    goto done;
  }
  if (rc != ZN_OK) {
    rc = fail(ex, rc, "decoding as %s: %s", zn_encoding_name(enc),
              zn_strerror(rc));
    goto done;
  }
  /* An HTML page is read from utf8: the normalized text is wanted only
   * for the checks below, and a normalized prefix gives their answers
   * when it is long enough (see head_decides). */
  is_html = false;
  rc = ex->format == ZN_FORMAT_TEXT
           ? ZN_ENOTEXT
           : head_decides(ex, utf8.data, utf8.len, &is_html);
  if (rc != ZN_OK) {
    rc =
        zn_text_normalize(utf8.data, utf8.len, ZN_NORM_ALL, &norm, &n_bad_norm);
    if (rc != ZN_OK) {
      rc = fail(ex, rc, "normalizing: %s", zn_strerror(rc));
      goto done;
    }
    if (norm.len == 0 || only_space(norm.data, norm.len)) {
      rc = fail(ex, ZN_EEMPTY, "no text after decoding");
      goto done;
    }
    is_html =
        ex->format == ZN_FORMAT_HTML ||
        (ex->format == ZN_FORMAT_AUTO && looks_like_html(norm.data, norm.len));
  }

  a = zn__article_new();
  if (a == NULL) {
    rc = fail(ex, ZN_ENOMEM, "out of memory");
    goto done;
  }
  rc = zn__set_field(&a->encoding, zn_encoding_name(enc),
                     strlen(zn_encoding_name(enc)));
  if (rc == ZN_OK && n_bad_dec + n_bad_norm > 0)
    rc = warn_invalid(a, n_bad_dec + n_bad_norm);
  if (rc == ZN_OK && is_html)
    rc = zn__extract_html(utf8.data, utf8.len, ex->max_depth, a);
  else if (rc == ZN_OK)
    rc = zn__extract_textdump(norm.data, norm.len, NULL, a);
  /* The address the caller fetched the page from stands in for one the
   * page does not give; a page id the page does not show comes from the
   * address. */
  if (rc == ZN_OK && a->url == NULL && ex->url != NULL)
    rc = zn__set_field(&a->url, ex->url, strlen(ex->url));
  if (rc == ZN_OK && a->page_id == NULL && a->url != NULL) {
    size_t off;
    size_t n = zn__url_page_id(a->url, strlen(a->url), &off);
    if (n > 0)
      rc = zn__set_field(&a->page_id, a->url + off, n);
  }
  /* Said here, after either path: HTML metadata can name a headline the
   * page's text did not show. */
  if (rc == ZN_OK && a->title == NULL)
    rc = zn__strlist_push(&a->warnings, "no headline found",
                          strlen("no headline found"));
  if (rc == ZN_ENOTEXT && a->warnings.n > 0 &&
      strstr(a->warnings.items[a->warnings.n - 1], "nested too deep") != NULL)
    rc = fail(ex, rc,
              "no headline or body text found above the nesting limit "
              "of %d elements (--max-depth)",
              ex->max_depth);
  else if (rc == ZN_ENOTEXT)
    rc = fail(ex, rc, "no headline or body text found");
  else if (rc != ZN_OK)
    rc = fail(ex, rc, "%s", zn_strerror(rc));

done:
  zn_buf_free(&utf8);
  zn_buf_free(&norm);
  if (rc != ZN_OK) {
    zn_article_free(a);
    return rc;
  }
  *out = a;
  return ZN_OK;
}
