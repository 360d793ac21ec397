/* SPDX-License-Identifier: MIT */
/*
 * recognize.h - the field recognizers of Chinese news pages: dates, date and
 * source lines, datelines, bylines, editors, captions, navigation and widget
 * chrome, page codes.  Each recognizer is a pure function over one line of
 * valid UTF-8 (the text path feeds normalized lines; the HTML path will feed
 * block texts), so the two paths share them.  Not API; unit-tested in
 * tests/unit/test-recognize.c.
 *
 * Spans are half-open byte ranges [off, off+len) into the string passed in.
 */
#ifndef ZN_EXTRACT_RECOGNIZE_H
#define ZN_EXTRACT_RECOGNIZE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct zn_span {
  size_t off;
  size_t len;
} zn_span;

/* A calendar date with an optional time of day, as the page gives it. */
typedef struct zn_datetime {
  int year, month, day;
  int hour, minute, second;
  bool has_time;   /* hour and minute are set */
  bool has_second; /* second is set */
} zn_datetime;

/* Bytes zn__date_format() needs at most, with the NUL. */
#define ZN_DATE_ISO_MAX 32

/*
 * Finds the first complete date (year, month, day) in s, with the time of
 * day that follows it if any.  Forms: 2023年6月4日, 2023-06-04, 2023/06/04,
 * 2023.06.04, "2023 06/04", 2023-06-04T16:01:52, with ASCII or full-width
 * digits; times 16:01, 16:01:52, 16时01分, 16点01分.  Out-of-range values
 * are not dates.  *where (may be NULL) gets the span of the whole match.
 */
bool zn__date_find(const char *s, size_t len, zn_datetime *dt, zn_span *where);
/* Writes dt as ISO 8601 ("2023-06-04T16:01:52+08:00" with a time, pages
 * being in China Standard Time; "2023-06-04" without).  Returns the length. */
size_t zn__date_format(const zn_datetime *dt, char out[ZN_DATE_ISO_MAX]);

/* What a date/source line holds.  Empty spans (len 0) mean absent. */
typedef struct zn_meta {
  bool has_date;
  zn_datetime date;
  bool updated; /* the date is labelled an update (更新时间, 最后更新) */
  zn_span source;    /* value after 来源 / 信息来源 / 本文来源 ... */
  zn_span author;    /* value after 作者 / 撰文 ... */
  bool author_loose; /* author is an unlabelled name beside the date */
  zn_span editor;    /* value after 责任编辑 / 责编 / 编辑 */
  int n_fields;      /* labelled fields seen, including ignored ones */
} zn_meta;

/*
 * Parses a date/source line such as "2020-03-09  来源: 学习时报 作者: X" or
 * "发布时间：2023年06月04日 16:01 | 来源：天津日报".  Returns true when the
 * line is made of such fields (a date and/or labelled fields, separators and
 * a few filler words such as 星期日) and nothing else.
 */
bool zn__meta_parse(const char *s, size_t len, zn_meta *m);

/*
 * Finds an editor credit: 责任编辑:余梁, 【责任编辑: 金鑫 】, (责编：X、Y),
 * 编辑：X, 责任编辑：X_NB12345 (the name is X).  *name gets the name,
 * *whole the credit with its brackets.  Returns false if there is none.
 */
bool zn__editor_find(const char *s, size_t len, zn_span *name, zn_span *whole);

/* Called with each person name found in a byline.  Nonzero stops. */
typedef int (*zn_name_cb)(void *ctx, const char *s, size_t len);

/*
 * Reads the names in a byline text such as "本报记者 张三 李四 通讯员 王五",
 * "记者 周亚强 孙玲玲", "于春沣 刘国栋 马成 许凯", "文/张三".  Role words
 * (any word ending in 记者 or 通讯员, 实习生, 作者, 文/ ...) and filler
 * (报道, 北京报道, 整理) are skipped; photographers (图/X, X 摄) are not
 * reported.  With strict, a token that is neither role, filler nor a
 * plausible name makes the whole text not a byline.  Returns the number of
 * names reported (0 if not a byline).
 */
int zn__byline_names(const char *s, size_t len, bool strict, zn_name_cb cb,
                     void *ctx);

/* True if the whole line is a byline (at least one role word or 文/, only
 * names otherwise); cb (may be NULL) gets the names. */
bool zn__byline_line(const char *s, size_t len, zn_name_cb cb, void *ctx);

/*
 * A closing reporter group at the very end of a paragraph: "…列席。(于春沣
 * 刘国栋 马成 许凯)", "…。（记者 张三）".  *group gets the span to cut,
 * including the white space before it.
 */
bool zn__byline_trailing(const char *s, size_t len, zn_span *group);

/*
 * Any other short bracketed credit closing a paragraph after its last
 * sentence: "（德清县发改局）", "（BBC）", "（刊于《半月谈》2019年第24期）",
 * "（资料来源：参考消息）" -- up to 40 characters, no sentence inside.
 * *group as for zn__byline_trailing.
 */
bool zn__credit_trailing(const char *s, size_t len, zn_span *group);

/*
 * A dateline at the start of a paragraph: 新华社北京1月11日电, 中新网天津1月
 * 25日电, 人民网北京6月4日电, 本报讯, 本报北京6月4日讯, 央视网消息.
 * *dateline gets the dateline text; *byline the reporters' parenthesis or
 * "记者 X" run right after it (len 0 if none).
 */
bool zn__dateline_find(const char *s, size_t len, zn_span *dateline,
                       zn_span *byline);

/* True if the line is page furniture: 字体：大 中 小, 分享到, 打印, 关闭窗口,
 * 我要评论, 扫一扫, 返回顶部, 上一篇 / 下一篇, 【纠错】, 举报 ... */
bool zn__is_widget_line(const char *s, size_t len);
/* True if the line opens a list of other articles (相关新闻, 相关阅读 ...). */
bool zn__is_related_header(const char *s, size_t len);
/* True if the line is a site footer: copyright, ICP licence, 版权所有. */
bool zn__is_footer_line(const char *s, size_t len);
/* For a footer line, the holder of the copyright: "版权所有：中国载人航天
 * 工程官方网站", "Copyright © 2019 观察者". */
bool zn__copyright_holder(const char *s, size_t len, zn_span *holder);
/* True if the line marks the end of the article text: comment sections,
 * disclaimers, "正文已结束", "(本文来自…)", share and follow prompts,
 * keyword rows, pagination ("【1】【2】【3】"). */
bool zn__is_end_marker(const char *s, size_t len);
/* True if the line is a numeric page code: 10 to 64 digits alone (a
 * Xinhua article id has 10; its page codes run to 40 and more). */
bool zn__is_page_code(const char *s, size_t len);
/* True if the line is a breadcrumb ("新华网天津 > 正文"); *site gets its
 * first element unless that is generic (首页), else len 0. */
bool zn__breadcrumb(const char *s, size_t len, zn_span *site);
/* True if s is a channel or section name (国内新闻, 财经, 要闻 ...): what a
 * breadcrumb starts with when the site's own name is not in it. */
bool zn__is_section_name(const char *s, size_t len);
/* True if the line is a URL, bare or labelled (原文链接：https://...). */
bool zn__url_line(const char *s, size_t len, zn_span *url);
/* True if the line carries a photo credit or caption marker (X 摄, 图为,
 * 资料图, 供图, 图片来源). */
bool zn__has_caption_marker(const char *s, size_t len);
/* True if s reads as an outlet's name: 2 to 16 characters ending the way
 * outlets' names do (网, 报, 社, 台, 新闻, 杂志, 客户端 ...). */
bool zn__looks_like_outlet(const char *s, size_t len);
/* True if s stands where a name goes but names nobody: 佚名, 网络整理,
 * 系统管理员, admin, a staff code such as "HN666". */
bool zn__is_placeholder_name(const char *s, size_t len);
/* True if s looks like a Chinese personal name: 2-4 Han characters starting
 * with a known surname, or a name with the middle dot (阿不都·热合曼). */
bool zn__is_person_name(const char *s, size_t len);

#endif /* ZN_EXTRACT_RECOGNIZE_H */
