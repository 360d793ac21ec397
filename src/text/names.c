/* SPDX-License-Identifier: MIT */
/*
 * names.c - the surname table behind zn__surname_prefix(): the common
 * single-character surnames (simplified and the traditional forms used in
 * Taiwan and Hong Kong) and the compound ones.  Shared by the byline
 * recognizers (extract) and the unknown-word tagger (seg).
 */
#include "private/names.h"

#include <string.h>

#include "private/utf8-inl.h"

/* Common single-character surnames (by frequency in registry statistics). */
static const char k_surnames[] =
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田"
    "董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白"
    "邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温"
    "康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝"
    "包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍"
    "华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党"
    "宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑"
    "郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢"
    "劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴"
    "丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊母裘"
    "亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干"
    "但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由郦颉訾酆"
    /* Traditional forms, for pages from Taiwan and Hong Kong. */
    "陳劉張楊黃趙吳許馬孫鄭謝韓馮鄧蕭葉蔣蘇呂盧鍾譚陸賈韋鄒閻龔錢嚴莊聶顏龍"
    "賀顧羅湯溫萬鄔鮑喬齊閔賴鄺錢鄔黎萧";

static const char *const k_compound_surnames[] = {
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙",
    "慕容", "令狐", "夏侯", "端木", "长孙", "宇文", "司徒", "申屠",
    "澹台", "轩辕", "呼延", "南宫", "西门", "百里", "独孤", "第五",
    "歐陽", "司馬", "諸葛", "上官", "東方", "長孫", NULL};

static bool in_set(const char *set, const char *s, size_t n) {
  /* UTF-8 is self-synchronising: a whole character's bytes can only match
   * at a character boundary of set. */
  size_t sl = strlen(set);
  for (size_t i = 0; i + n <= sl; i++) {
    if (memcmp(set + i, s, n) == 0)
      return true;
  }
  return false;
}

size_t zn__surname_prefix(const char *s, size_t len) {
  int32_t cp;
  int n;
  for (size_t k = 0; k_compound_surnames[k] != NULL; k++) {
    size_t m = strlen(k_compound_surnames[k]);
    if (m <= len && memcmp(s, k_compound_surnames[k], m) == 0)
      return m;
  }
  if (len == 0)
    return 0;
  n = zn__utf8_decode_inl((const unsigned char *)s, len, &cp);
  if (cp < 0x80)
    return 0;
  return in_set(k_surnames, s, (size_t)n) ? (size_t)n : 0;
}
