// Long texts in windows: bounded memory for any article length (a 50 MB article, a 54 MB JSON
// Lines record), with every mention reported exactly once and offsets in whole-text code points.
//
// The text is cut at breaks (a line break, else a sentence end, else a space) about every
// window_bytes. Window k is parsed over [cut_{k-1} - overlap, cut_k + overlap) and reports the
// mentions that start in [cut_{k-1}, cut_k) and after the end of the last mention already
// reported: a name across a cut is seen whole by the window where it starts, and its tail is
// never reported again by the next one. Places are merged by id over the windows.

#include <gazetteer/geoparse.hpp>
#include <gazetteer/text.hpp>

#include "place_tally.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace gazetteer {

namespace {

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// A break at or before `limit` and after `floor` (a byte offset at a code point boundary):
// the last line break, else the last ". ", else the last space, else `limit` moved back to a
// code point boundary.
std::size_t find_cut(std::string_view text, std::size_t floor, std::size_t limit) {
    std::string_view span = text.substr(floor, limit - floor);
    if (auto p = span.rfind('\n'); p != std::string_view::npos) return floor + p + 1;
    if (auto p = span.rfind(". "); p != std::string_view::npos) return floor + p + 2;
    if (auto p = span.find_last_of(" \t"); p != std::string_view::npos) return floor + p + 1;
    std::size_t cut = limit;
    while (cut > floor && is_continuation(text[cut])) --cut;
    return cut;
}

// Moves `pos` to a nearby space (so that an overlap edge does not split a word), within `reach`
// bytes in direction `dir` (+1 or -1), and at least to a code point boundary.
std::size_t to_space(std::string_view text, std::size_t pos, std::size_t reach, int dir) {
    std::size_t p = pos;
    for (std::size_t k = 0; k < reach && p > 0 && p < text.size(); ++k, p += static_cast<std::size_t>(dir)) {
        char c = text[p];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') return p;
    }
    p = pos;
    while (p > 0 && p < text.size() && is_continuation(text[p])) --p;
    return p;
}

}  // namespace

ArticleResult Geoparser::parse_streaming(std::string_view id, std::string_view text, const MentionSink& sink,
                                        std::string_view language) const {
    return parse_windows(id, text, sink, text_language(text, language), nullptr);
}

ArticleResult Geoparser::parse_windows(std::string_view id, std::string_view text, const MentionSink& sink,
                                       const std::string& lang, const ParseProgress* progress) const {
    const std::size_t window = m_options.window_bytes, overlap = m_options.window_overlap_bytes;
    if (text.size() <= window) {  // nearly every article: one window, no seams to mind
        ArticleResult r = parse_window(id, text, lang, progress);
        if (!r.mentions.empty()) sink(r.mentions);
        r.mentions.clear();
        return r;
    }
    ArticleResult out;
    out.id = std::string(id);
    out.language = lang;
    detail::PlaceTally<std::string> tally(out.places);

    std::size_t begin = 0;                // owned range [begin, cut) in bytes
    std::size_t cp_anchor_byte = 0, cp_anchor = 0;  // a byte offset and its code point offset
    std::size_t reported_until = 0;       // code point end of the last mention reported
    std::vector<Mention> keep;
    while (begin < text.size()) {
        std::size_t cut = text.size();
        if (text.size() - begin > window) cut = find_cut(text, begin + window / 2, begin + window);
        const std::size_t from = begin == 0 ? 0 : to_space(text, begin - std::min(begin, overlap), overlap / 4, -1);
        const std::size_t to = cut == text.size() ? cut : to_space(text, std::min(text.size(), cut + overlap), overlap / 4, +1);
        // Code points before `from` (windows only move forward, so one pass over the text).
        cp_anchor += code_point_count(text.substr(cp_anchor_byte, from - cp_anchor_byte));
        cp_anchor_byte = from;

        // This window's progress is the share of the text before it plus its own share.
        const ParseProgress scaled = [&](double f) {
            return (*progress)((static_cast<double>(begin) + f * static_cast<double>(cut - begin)) /
                               static_cast<double>(text.size()));
        };
        ArticleResult part = parse_window(id, text.substr(from, to - from), lang, progress ? &scaled : nullptr);
        keep.clear();
        for (auto& m : part.mentions) {
            const std::size_t byte_start = m.byte_start + from;
            const std::size_t start = m.start + cp_anchor;
            if (byte_start < begin || byte_start >= cut || start < reported_until) continue;
            m.byte_start = byte_start;
            m.byte_end += from;
            m.start = start;
            m.end += cp_anchor;
            m.sentence_start += cp_anchor;
            reported_until = m.end;
            if (m.place) tally.add(m.place->id, *m.place, m.start, m.confidence);
            keep.push_back(std::move(m));
        }
        if (!keep.empty()) sink(keep);
        begin = cut;
    }
    tally.finish();
    return out;
}

}  // namespace gazetteer
