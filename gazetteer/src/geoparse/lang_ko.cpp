// Korean place-name recognition.
//
// Korean writes no capitals and attaches particles and endings to nouns ("평양에서", "러시아와",
// "블라디보스토크로"), so every Hangul word is split into noun + particle by a list of the
// particles and particle sequences of written Korean (case markers, topic and additive markers,
// their combinations with locatives, copula endings), longest first, and each noun is tried as an
// index key with and without a place suffix ("신의주시" -> "신의주", "하산역" -> "하산"). A noun
// counts as a name without further evidence only when the place matched has a Hangul name with
// that key; a key that only collides with a Latin name ("사람" and the Omani "Salam") needs a place
// suffix, a place noun after it or support from the article's countries. Spans cover the noun and
// its suffix, never the particle.
//
// A morphological analyser was considered: Debian packages MeCab but not its Korean dictionary
// (mecab-ko-dic), and the particle list covers what place names take in news.

#include "geoparse/language.hpp"

#include <gazetteer/detail/normalize.hpp>

#include <algorithm>
#include <array>
#include <string>
#include <unordered_set>

namespace gazetteer::detail {

namespace {

using WordList = std::unordered_set<std::string_view>;

bool is_hangul_syllable(char32_t c) { return c >= 0xAC00 && c <= 0xD7A3; }

// Particles and endings that follow nouns, longest first where one ends another.
constexpr std::array<std::string_view, 75> k_particles = {
    // "동해상으로", "공해상에서": 상 (on) before a particle, after seas and skies.
    "상에서", "상으로", "상에", "상의",
    "에서부터", "으로부터", "에서는", "에서도", "에서의", "에서만", "으로는", "으로도", "으로의", "으로서", "으로써",
    "에게서", "까지는", "까지도", "까지의", "부터는", "이라는", "이라고", "이었다", "이라며", "에서", "에는",
    "에도", "에의", "에게", "에선", "으로", "로는", "로도", "로의", "로서", "로써", "과의", "와의", "과는", "와는",
    "과도", "와도", "까지", "부터", "처럼", "보다", "이나", "이며", "이자", "이고", "이다", "라는", "라고", "였다",
    "만큼", "이란", "에", "로", "과", "와", "은", "는", "이", "가", "을", "를", "의", "도", "만", "란", "나",
    "서", "엔", "께", "랑"};

// Particles that mark place, direction or path: evidence that the noun before them is a place.
const WordList& locative_particles() {
    static const WordList s = {"상에서", "상으로", "상에", "에서부터", "에서는", "에서도", "에서의", "에서만", "에서", "에는", "에도", "에선",
                               "으로는", "으로도", "으로의", "으로", "로는", "로도", "로의", "로", "까지", "까지는",
                               "까지도", "부터", "에", "엔"};
    return s;
}

// Place suffixes written onto a name: they are part of the span and say place.
constexpr std::array<std::string_view, 28> k_place_suffixes = {
    "우주기지", "우주센터", "국제공항", "공항", "반도", "해협", "광역시", "특별시", "자치구", "자치주", "북도", "남도", "시", "도",
    "군", "구", "성", "주", "현", "역", "항", "섬", "강", "산", "호", "만", "읍", "면"};

// Nouns after a name that say place ("하산 역", "국경 도시 핑샹" is handled by the suffix).
const WordList& place_nouns_after() {
    static const WordList s = {"시", "도", "역", "항", "일대", "지역", "국경", "인근", "부근", "근처", "북부", "남부",
                               "동부", "서부", "중부", "시내", "외곽", "상공", "해안", "앞바다", "방면", "주민", "공항",
                               "항구", "기지", "현지", "접경", "도심", "일원", "쪽", "북쪽", "남쪽", "동쪽", "서쪽"};
    return s;
}

// Verbs of travel that take a place as their object ("하산을 거쳐", "평양을 떠나", "러시아를 방문했다"):
// after an object particle they say place, as a locative particle does. Matched as word starts,
// so every ending counts ("거쳐", "거쳐서", "거친"; "방문해", "방문했다").
constexpr std::array<std::string_view, 12> k_route_verbs = {
    "거쳐", "거친", "경유", "떠나", "떠난", "떠났", "출발", "방문", "통과", "지나", "향해", "향했"};

// Titles and roles after a person's name ("김정은 위원장", "푸틴 대통령").
const WordList& title_after() {
    static const WordList s = {"대통령", "위원장", "국무위원장", "총리", "장관", "주석", "대변인", "의원", "대사",
                               "사령관", "외무상", "부위원장", "씨", "여사", "감독", "선수", "회장", "대표", "총비서",
                               "서기장", "국왕", "왕", "부총리", "차관", "기자", "특파원", "교수", "박사", "총장",
                               "비서", "원수", "부장", "국장", "지사", "시장"};
    return s;
}

// Words after a name that make it part of an organisation or work ("서울대학교" is one word;
// "평양 방송" two).
const WordList& org_after() {
    static const WordList s = {"대학교", "대학", "신문", "방송", "은행", "그룹", "공사", "전자", "통신", "일보",
                               "병원", "호텔", "구단", "팀", "당국"};
    return s;
}

// Common nouns, adverbs and verb forms of news Korean that are also the Korean names of places
// somewhere ("위해" for, and Weihai; "다만" only, and Daman): never names on their own.
const WordList& common_words() {
    static const WordList s = {
        "위해", "위한", "통해", "통한", "지난", "동안", "다만", "따라", "대해", "대한", "관련", "이후", "이전", "당시",
        "가운데", "사이", "지난해", "올해", "내년", "오전", "오후", "현재", "최근", "이날", "전날", "다음", "이번",
        "정부", "당국", "양국", "세계", "국제", "국내", "해외", "전국", "지역", "도시", "국가", "나라", "생산", "이다",
        "한편", "또한", "그러나", "한창", "경기",
        "하지만", "특히", "결국", "모두", "함께", "직접", "계속", "다시", "가장", "매우", "이상", "이하", "정도", "시간",
        "경제", "정치", "외교", "안보", "군사", "사업", "회의", "회담", "협력", "관계", "문제", "상황", "계획", "방문",
        "개발", "건설", "운행", "열차", "철도", "도로", "시장", "주민", "사람", "기자", "대표"};
    return s;
}

// True for a non-empty name of Hangul syllables and spaces only (the only names a noun's key can
// equal).
bool hangul_or_space(std::string_view s) {
    if (s.empty()) return false;
    for (std::size_t i = 0; i < s.size();) {
        unsigned len;
        char32_t c = decode_utf8(s, i, len);
        if (!is_hangul_syllable(c) && c != ' ') return false;
        i += len;
    }
    return true;
}

bool ends_with(std::string_view w, std::string_view e) { return w.size() > e.size() && w.substr(w.size() - e.size()) == e; }

// The word without its longest particle ("대통령은" -> "대통령").
std::string_view strip_particle(std::string_view w) {
    for (auto p : k_particles)
        if (ends_with(w, p)) return w.substr(0, w.size() - p.size());
    return w;
}

unsigned syllables(std::string_view s) {
    unsigned n = 0;
    for (std::size_t i = 0; i < s.size();) {
        unsigned len;
        if (is_hangul_syllable(decode_utf8(s, i, len))) ++n;
        i += len;
    }
    return n;
}

class KoreanRecogniser {
public:
    KoreanRecogniser(const Index& idx, std::string_view text, const TokenizedText& tt, std::vector<LanguageSpan>& out)
        : m_idx(idx), m_text(text), m_toks(tt.tokens), m_out(out) {}

    void run() {
        scan_spans(
            m_toks.size(), [&](std::uint32_t i) { return hangul_word(i); },
            [&](std::uint32_t i, LanguageSpan& sp) { return match_at(i, sp); }, [&](LanguageSpan& sp) { return judge(sp); },
            m_out);
    }

private:
    const Index& m_idx;
    std::string_view m_text;
    const std::vector<Token>& m_toks;
    std::vector<LanguageSpan>& m_out;
    std::string m_key;
    // Of the last match_at(): m_supported_cue is a cue that holds only with the article's support
    // (the object of a verb of travel, a noun joined to a known name).
    bool m_verified = false, m_rr = false, m_suffix = false, m_supported_cue = false, m_loanword = false;

    std::string_view surface(std::uint32_t t) const { return m_text.substr(m_toks[t].begin, m_toks[t].end - m_toks[t].begin); }
    bool hangul_word(std::uint32_t t) const {
        if (t >= m_toks.size() || !m_toks[t].is(TokWord) || !m_toks[t].is(TokNonAscii) || m_toks[t].is(TokDigit)) return false;
        unsigned len;
        return is_hangul_syllable(decode_utf8(surface(t), 0, len));
    }

    // A noun reading of a word: its first `bytes` bytes, with the particle that follows.
    struct Split {
        std::string_view noun, particle;
    };
    void splits(std::uint32_t t, std::vector<Split>& out) const {
        out.clear();
        std::string_view w = surface(t);
        out.push_back({w, {}});
        for (auto p : k_particles)
            if (ends_with(w, p)) out.push_back({w.substr(0, w.size() - p.size()), p});
    }

    // True when one of the place's names is written in Hangul and has `key`.
    bool has_hangul_name(std::uint32_t place, std::string_view key) {
        std::size_t n = m_idx.place_alt_name_count(place);
        for (std::size_t k = 0; k < n; ++k) {
            std::string_view a = m_idx.place_alt_name(place, k);
            if (!hangul_or_space(a)) continue;
            word_key(a, m_key);
            if (m_key == key) return true;
            // "단둥 시", "신의주시": the name with its place suffix counts for the bare noun.
            for (auto suf : k_place_suffixes) {
                if (!ends_with(a, suf)) continue;
                std::string_view base = a.substr(0, a.size() - suf.size());
                while (!base.empty() && base.back() == ' ') base.remove_suffix(1);
                word_key(base, m_key);
                if (m_key == key) return true;
                break;
            }
        }
        return false;
    }

    struct Hit {
        PostingList list;
        std::string key;
        bool verified = false, rr = false, loanword = false;
    };

    // A foreign name the index holds only in Latin letters, written in Hangul by the loanword
    // rules ("랑선성", "동당역"): a key of 6 bytes or more that is its hangul_loanword_key() but for
    // word breaks ("dong dang" for "dongdang"; found as keys one edit away). Tried only for a noun
    // with a place suffix; the span is then weak (it needs the article's support for the place's
    // country).
    bool lookup_loanword(std::string_view base, Hit& hit) {
        std::string k;
        hangul_loanword_key(base, k);
        if (k.size() < 6) return false;
        std::string best_key;
        PostingList best_list;
        float best_importance = -1;
        for (const auto& [key, distance] : detail::fuzzy_keys(m_idx, k, 1)) {
            (void)distance;
            // Only the word breaks may differ: Hangul writes none ("dongdang", "dong dang").
            std::string joined;
            for (char c : key)
                if (c != ' ' && c != '-') joined += c;
            if (joined != k) continue;
            auto pl = detail::postings(m_idx, key);
            if (pl.empty()) continue;
            float imp = m_idx.place_importance(pl[0].place);
            if (imp > best_importance) {
                best_importance = imp;
                best_key = key;
                best_list = pl;
            }
        }
        if (best_list.empty()) return false;
        hit.list = best_list;
        hit.key = best_key;
        hit.verified = false;
        hit.rr = false;
        hit.loanword = true;
        return true;
    }
    // Looks `noun` up by its ICU key and, with `allow_rr`, by the romanisations of Korean places
    // (`suffix_of`: the place suffix ending the noun, if any).
    bool lookup(std::string_view prefix_key, std::string_view noun, Hit& hit, bool allow_rr = false,
                std::string_view suffix_of = {}) {
        std::string k;
        word_key(noun, k);
        std::string full = prefix_key.empty() ? k : std::string(prefix_key) + " " + k;
        auto pl = detail::postings(m_idx, full);
        if (!pl.empty()) {
            hit.list = pl;
            hit.key = full;
            hit.verified = false;
            std::size_t n = 0;
            for (auto p : pl) {
                if (has_hangul_name(p.place, full)) { hit.verified = true; break; }
                if (++n >= 3) break;
            }
            hit.rr = false;
            return true;
        }
        if (!prefix_key.empty() || !allow_rr) return false;
        // South Korean names are romanised by the Revised Romanization, North Korean ones by
        // McCune-Reischauer ("개성" Kaesong, "금강산" Kumgang-san): each names only Korean places.
        auto korean = [&](const std::string& key) {
            auto l = detail::postings(m_idx, key);
            if (l.empty()) return false;
            auto cc = m_idx.place_country(l[0].place);
            if (cc != "KR" && cc != "KP") return false;
            hit.list = l;
            hit.key = key;
            hit.verified = false;
            hit.rr = true;
            return true;
        };
        hangul_rr_key(noun, k);
        if (korean(k)) return true;
        if (!suffix_of.empty() && noun.size() > 3) {
            // The last syllable as its own word ("Gyeonggi-do", "Chungcheongbuk-do").
            std::string head, tail;
            hangul_rr_key(noun.substr(0, noun.size() - 3), head);
            hangul_rr_key(noun.substr(noun.size() - 3), tail);
            if (korean(head + " " + tail)) return true;
        }
        hangul_mr_key(noun, k);
        if (korean(k)) return true;
        // With the suffix as its own word ("Kumgang-san", "P'yŏngan-bukto").
        if (!suffix_of.empty() && suffix_of.size() < noun.size()) {
            std::string base;
            hangul_mr_key(noun.substr(0, noun.size() - suffix_of.size()), base);
            if (k.size() > base.size() && k.compare(0, base.size(), base) == 0) {
                k.insert(base.size(), " ");
                if (korean(k)) return true;
            }
        }
        return false;
    }

    bool match_at(std::uint32_t i, LanguageSpan& sp) {
        std::vector<Split> sv;
        splits(i, sv);
        // Best reading of the first word: a verified noun beats an unverified one; among equals the
        // longer noun (fewer letters taken as particle) wins.
        Hit best;
        bool have = false, best_suffix = false;
        std::string_view best_noun, best_particle;
        // First the noun as split from its particle, then without a place suffix ("신의주시"):
        // "서울시도" is "서울시" + "도" (also), not "서울시도" less the province suffix.
        for (int pass = 0; pass < 2 && !(have && best.verified); ++pass) {
            for (const auto& s : sv) {
                if (syllables(s.noun) < 2) continue;
                Hit h;
                bool ok = false;
                if (pass == 0) {
                    // Romanised keys only with a place suffix (below): a common word's
                    // romanisation too often names a Korean village, and each costs a look-up.
                    ok = lookup({}, s.noun, h);
                } else {
                    for (auto suf : k_place_suffixes) {
                        if (!ends_with(s.noun, suf)) continue;
                        std::string_view base = s.noun.substr(0, s.noun.size() - suf.size());
                        if (syllables(base) >= 2)
                            ok = lookup({}, s.noun, h, true, suf) || lookup({}, base, h, true) || lookup_loanword(base, h);
                        break;
                    }
                }
                if (!ok) continue;
                if (!have || (h.verified && !best.verified)) {
                    best = h;
                    have = true;
                    best_noun = s.noun;
                    best_particle = s.particle;
                    best_suffix = pass == 1;
                }
                if (best.verified) break;
            }
        }
        // A Korean name that carries its own kind ("한라산", "압록강", "제주도" are written with 산,
        // 강, 도): the suffix says place even when the whole name is what the index holds, provided
        // what stands before it is a name of two syllables or more ("양산" is a word too).
        if (have && best.verified && !best_suffix) {
            for (auto suf : k_place_suffixes) {
                if (!ends_with(best_noun, suf)) continue;
                if (syllables(best_noun.substr(0, best_noun.size() - suf.size())) >= 2) best_suffix = true;
                break;
            }
        }
        // Multi-word names ("캠프 데이비드", "라스베이거스 컨벤션센터", "평화의 집"): the first
        // word whole, the next with its particle split off.
        std::uint32_t last = i;
        std::string_view last_noun = best_noun, last_particle = best_particle;
        // A word ending in a case or topic particle ends its noun phrase; "의" (of) and endings
        // that are also the last syllable of many names ("하노이", "시카고") do not.
        bool phrase_ends = false;
        for (std::string_view p : {"에서", "으로", "에게", "까지", "부터", "은", "는", "을", "를", "에", "로", "와", "과"})
            if (ends_with(surface(i), p)) { phrase_ends = true; break; }
        if (!phrase_ends) {
            std::string k0;
            word_key(surface(i), k0);
            std::uint32_t j = i;
            std::string prefix = k0;
            for (int words = 1; words < 3; ++words) {
                std::uint32_t n = j + 1;
                if (!hangul_word(n) || m_toks[n].is(TokNewlineBefore) || !m_toks[n].is(TokSpaceBefore)) break;
                if (!detail::has_keys_with_prefix(m_idx, prefix)) break;
                std::vector<Split> nv;
                splits(n, nv);
                bool got = false;
                for (const auto& s : nv) {
                    Hit h;
                    if (s.noun.empty() || !lookup(prefix, s.noun, h)) continue;
                    best = h;
                    have = true;
                    last = n;
                    last_noun = s.noun;
                    last_particle = s.particle;
                    best_suffix = false;
                    got = true;
                    break;
                }
                if (got) break;
                std::string kn;
                word_key(surface(n), kn);
                prefix += " " + kn;
                j = n;
            }
        }
        if (!have) return false;
        sp = LanguageSpan{};
        sp.first = i;
        sp.last = last;
        sp.key = best.key;
        sp.list = best.list;
        std::string_view lw = surface(last);
        sp.trim_bytes = static_cast<std::uint32_t>(lw.size() - last_noun.size());
        sp.trim_cp = static_cast<std::uint32_t>(code_point_count(lw.substr(last_noun.size())));
        if (best_suffix) {
            sp.cue = true;
            sp.reasons.push_back("place suffix");
        }
        if (!last_particle.empty() && locative_particles().count(last_particle)) {
            sp.cue = true;
            sp.reasons.push_back("locative particle '" + std::string(last_particle) + "'");
        }
        m_supported_cue = false;
        if ((last_particle == "을" || last_particle == "를") && hangul_word(last + 1) && m_toks[last + 1].is(TokSpaceBefore)) {
            std::string_view nw = surface(last + 1);
            for (auto v : k_route_verbs)
                if (nw.substr(0, v.size()) == v) {
                    sp.cue = true;
                    m_supported_cue = true;
                    sp.reasons.push_back("object of '" + std::string(nw) + "'");
                    break;
                }
        }
        // "하산과 나진을 잇는": a noun joined by 과/와 to a name the index knows is likely a place too;
        // like the object of a verb of travel, it needs the article's support.
        if (!m_supported_cue && (last_particle == "과" || last_particle == "와") && hangul_word(last + 1) &&
            m_toks[last + 1].is(TokSpaceBefore)) {
            std::vector<Split> nv;
            splits(last + 1, nv);
            for (const auto& s : nv) {
                Hit h;
                if (syllables(s.noun) >= 2 && lookup({}, s.noun, h)) {
                    m_supported_cue = true;
                    sp.reasons.push_back("joined to '" + std::string(s.noun) + "'");
                    break;
                }
            }
        }
        if (best.verified) sp.reasons.push_back("Hangul name");
        if (best.rr) sp.reasons.push_back("romanised (RR or McCune-Reischauer)");
        m_verified = best.verified;
        m_rr = best.rr;
        m_loanword = best.loanword;
        if (best.loanword) sp.reasons.push_back("foreign name in Hangul");
        m_suffix = best_suffix;
        return true;
    }

    // "경기 수원에": a division's short name right before a town of that division, as Korean news
    // writes an address, is the division even when the name is also a common word ("경기": game,
    // economy).
    bool division_before_its_town(const LanguageSpan& sp) {
        if (sp.trim_bytes > 0 || m_idx.place_feature_code(sp.list[0].place) != "ADM1") return false;
        const std::uint32_t n = sp.last + 1;
        if (!hangul_word(n) || !m_toks[n].is(TokSpaceBefore)) return false;
        const auto cc = m_idx.place_country(sp.list[0].place);
        const auto adm = m_idx.place_admin1_code(sp.list[0].place);
        std::vector<Split> nv;
        splits(n, nv);
        for (const auto& s : nv) {
            Hit h;
            if (syllables(s.noun) < 2 || !lookup({}, s.noun, h) || !h.verified) continue;
            std::size_t k = 0;
            for (auto p : h.list) {
                if (m_idx.place_feature_class(p.place) == 'P' && m_idx.place_country(p.place) == cc &&
                    m_idx.place_admin1_code(p.place) == adm)
                    return true;
                if (++k >= 8) break;
            }
        }
        return false;
    }

    bool judge(LanguageSpan& sp) {
        const int rank = prominence(m_idx, sp.list);
        const bool verified = m_verified;
        bool strong_cue = m_suffix;  // a place suffix or place noun, not only a particle
        if (sp.list[0].kind == MatchKind::Demonym || sp.list[0].kind == MatchKind::Abbreviation) return false;
        if (sp.first == sp.last && common_words().count(surface(sp.first).substr(0, surface(sp.first).size() - sp.trim_bytes)) &&
            !division_before_its_town(sp))
            return false;
        std::uint32_t n = sp.last + 1;
        bool particle = sp.trim_bytes > 0;
        if (!particle && hangul_word(n) && m_toks[n].is(TokSpaceBefore)) {
            std::string_view nw = surface(n);
            // The next word without its particle.
            std::string_view base = strip_particle(nw);
            if (place_nouns_after().count(nw) || place_nouns_after().count(base)) {
                sp.cue = true;
                strong_cue = true;
                sp.reasons.push_back("before '" + std::string(nw) + "'");
            } else if (title_after().count(nw) || title_after().count(base)) {
                // A person's name, unless a country names the person's office ("중국 외교부장").
                if (rank < 3) return false;
            } else if (org_after().count(nw) || org_after().count(base)) {
                if (rank == 0) return false;
                sp.recog -= 0.15;
            } else if (rank < 3 && ((hangul_word(n + 1) && title_after().count(strip_particle(surface(n + 1)))) ||
                                    (hangul_word(n + 2) && title_after().count(strip_particle(surface(n + 2)))))) {
                // Given name and family name before a title, perhaps with the country between
                // ("블라디미르 푸틴 대통령", "블라디미르 푸틴 러시아 대통령").
                return false;
            }
        }
        // A key shared only with a Latin or other-script name ("발사" and the Romanian Balşa)
        // is a Korean word unless a place suffix or place noun says otherwise; Revised
        // Romanization matches are Korean places and may rest on the article's support.
        // Chinese names, written in Korean by the standard transcription of Mandarin, often have
        // the pinyin as their key ("훈춘" Hunchun): those stand when the article supports the
        // place's country (weak), like a minor place without cue.
        // The object of a verb of travel ("하산을 거쳐") may be such a name too, but abstract
        // objects take the same verbs ("절차를 거쳐"), so it also needs the article's support.
        if (!verified && !m_rr && !strong_cue) {
            if (m_supported_cue) {
                sp.weak = true;
            } else {
                if (m_idx.place_country(sp.list[0].place) != "CN") return false;
                sp.weak = true;
                sp.reasons.push_back("key of a Chinese name");
            }
        }
        // Names matched only through a Latin or other-script namesake need a cue; a minor place
        // without one needs the article's support.
        if (!verified && !sp.cue && rank < 2) sp.weak = true;
        if (m_loanword) sp.weak = true;
        if (verified && !sp.cue && rank == 0 && m_idx.place_importance(sp.list[0].place) < 0.55f) sp.weak = true;
        return sp.recog >= 0.5;
    }
};

}  // namespace

void find_korean_spans(const Index& index, std::string_view text, const TokenizedText& tt, std::vector<LanguageSpan>& out) {
    KoreanRecogniser(index, text, tt, out).run();
}

}  // namespace gazetteer::detail
