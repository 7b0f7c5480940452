// Geoparse results as JSON Lines and as GIS layers. The JSON is written by hand into one reused
// string: at thousands of articles a second a DOM library's allocations would dominate.

#include <gazetteer/geoparse.hpp>
#include <gazetteer/schemas.hpp>
#include <gazetteer/text.hpp>

#include <fmt/format.h>

#include <cmath>
#include <iterator>

namespace gazetteer {

namespace {

// RFC 8259 section 7 string escaping. Bytes >= 0x80 pass through when `s` is well-formed UTF-8;
// otherwise ill-formed sequences become U+FFFD, so that the output is JSON whatever the engine
// was given (the faces already repair article text with check_text() and count the repairs).
void json_string(std::string& out, std::string_view s) {
    std::string repaired;
    if (!is_valid_utf8(s)) {
        repaired.assign(s);
        make_valid_utf8(repaired);
        s = repaired;
    }
    out.push_back('"');
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
                else out.push_back(ch);
        }
    }
    out.push_back('"');
}

void json_number(std::string& out, double v, int decimals) {
    if (!std::isfinite(v)) { out += "null"; return; }
    fmt::format_to(std::back_inserter(out), "{:.{}f}", v, decimals);
    // Trim trailing zeros for compactness ("0.500" -> "0.5"), keep one digit after the point.
    auto dot = out.rfind('.');
    if (dot != std::string::npos) {
        while (out.size() > dot + 2 && out.back() == '0') out.pop_back();
    }
}

void key(std::string& out, const char* k) {
    out.push_back('"');
    out += k;
    out += "\":";
}

void place_fields(std::string& out, const Place& p) {
    key(out, "place_id"); json_string(out, p.id); out.push_back(',');
    key(out, "name"); json_string(out, p.name); out.push_back(',');
    key(out, "country"); json_string(out, p.country); out.push_back(',');
    key(out, "feature_code"); json_string(out, p.feature_code); out.push_back(',');
    key(out, "lat"); json_number(out, p.lat, 5); out.push_back(',');
    key(out, "lon"); json_number(out, p.lon, 5);
}

}  // namespace

void append_json_open(std::string& out, std::string_view id, const ArticleMeta& meta) {
    out += "{\"id\":";
    json_string(out, id);
    if (!meta.title.empty()) { out += ",\"title\":"; json_string(out, meta.title); }
    if (!meta.url.empty()) { out += ",\"url\":"; json_string(out, meta.url); }
    if (!meta.date.empty()) { out += ",\"date\":"; json_string(out, meta.date); }
    out += ",\"mentions\":[";
}

void append_json_alternative(std::string& out, const MentionCandidate& c) {
    out.push_back('{');
    place_fields(out, c.place);
    out.push_back(',');
    key(out, "score"); json_number(out, c.score, 3);
    out.push_back('}');
}

void append_json_mention(std::string& out, const Mention& m, bool with_alternatives) {
    out.push_back('{');
    fmt::format_to(std::back_inserter(out), "\"start\":{},\"end\":{},", m.start, m.end);
    key(out, "text"); json_string(out, m.text); out.push_back(',');
    if (m.place) {
        place_fields(out, *m.place);
    } else {
        out += "\"place_id\":null,\"name\":null,\"country\":null,\"feature_code\":null,\"lat\":null,\"lon\":null";
    }
    out.push_back(',');
    key(out, "confidence"); json_number(out, m.confidence, 3); out.push_back(',');
    key(out, "kind"); json_string(out, mention_kind_name(m.kind)); out.push_back(',');
    key(out, "match"); json_string(out, match_kind_name(m.match)); out.push_back(',');
    key(out, "sentence"); json_string(out, m.sentence); out.push_back(',');
    fmt::format_to(std::back_inserter(out), "\"sentence_start\":{},", m.sentence_start);
    key(out, "alternatives");
    out.push_back('[');
    for (std::size_t i = 0; with_alternatives && i < m.alternatives.size(); ++i) {
        if (i) out.push_back(',');
        append_json_alternative(out, m.alternatives[i]);
    }
    out += "],";
    key(out, "reasons");
    out.push_back('[');
    for (std::size_t i = 0; i < m.reasons.size(); ++i) {
        if (i) out.push_back(',');
        json_string(out, m.reasons[i]);
    }
    out += "]}";
}

void append_json_article_place(std::string& out, const ArticlePlace& p) {
    out.push_back('{');
    place_fields(out, p.place);
    fmt::format_to(std::back_inserter(out), ",\"count\":{},\"first_start\":{},", p.count, p.first_start);
    key(out, "max_confidence"); json_number(out, p.max_confidence, 3); out.push_back(',');
    key(out, "mean_confidence"); json_number(out, p.mean_confidence, 3);
    out.push_back('}');
}

void append_json_mentions(std::string& out, const std::vector<Mention>& mentions, bool& first) {
    for (const auto& m : mentions) {
        if (!first) out.push_back(',');
        first = false;
        append_json_mention(out, m);
    }
}

void append_json_close(std::string& out, const std::vector<ArticlePlace>& places) {
    out += "],\"places\":[";
    bool first = true;
    for (const auto& p : places) {
        if (!first) out.push_back(',');
        first = false;
        append_json_article_place(out, p);
    }
    out += "]}";
}

void append_json_line(std::string& out, const ArticleResult& r, const ArticleMeta& meta) {
    append_json_open(out, r.id, meta);
    bool first = true;
    append_json_mentions(out, r.mentions, first);
    append_json_close(out, r.places);
}

GeoparseLayers::GeoparseLayers(std::string gazetteer_version)
    : m_version(std::move(gazetteer_version)),
      m_places(layer_schema("geoparse", "places")),
      m_mentions(layer_schema("geoparse", "mentions")) {}

void GeoparseLayers::add(const ArticleResult& r) {
    for (const auto& p : r.places) {
        Feature f;
        f.parts.push_back({LonLat{p.place.lon, p.place.lat}});
        f.values = {r.id, p.place.id, p.place.name, p.place.country, p.place.feature_code,
                    static_cast<std::int64_t>(p.count), static_cast<std::int64_t>(p.first_start), p.max_confidence,
                    p.mean_confidence, m_version, std::string(source_name(p.place.source))};
        m_places.features.push_back(std::move(f));
    }
    for (const auto& m : r.mentions) {
        Feature f;
        if (m.place) f.parts.push_back({LonLat{m.place->lon, m.place->lat}});
        FieldValue pid, name, cc, fc;
        if (m.place) { pid = m.place->id; name = m.place->name; cc = m.place->country; fc = m.place->feature_code; }
        f.values = {r.id, static_cast<std::int64_t>(m.start), static_cast<std::int64_t>(m.end), m.text,
                    std::string(mention_kind_name(m.kind)), pid, name, cc, fc, m.confidence, m.sentence};
        m_mentions.features.push_back(std::move(f));
    }
}

std::vector<Layer> GeoparseLayers::take() {
    std::vector<Layer> out{std::move(m_places), std::move(m_mentions)};
    *this = GeoparseLayers(std::move(m_version));
    return out;
}

}  // namespace gazetteer
