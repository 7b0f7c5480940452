#pragma once
// The geoparser: finds the places a text mentions (recognition) and decides which place each
// mention means using the whole article as context (resolution). Every face reuses it: the
// `gazetteer geoparse` command, the Python module for QGIS, the Qt6 map and itinerary extraction.
//
// Recognition matches word sequences against the index (longest match, multi-word names,
// possessives, hyphenated forms, dotted abbreviations, demonyms) and rejects what only looks like
// a place using capitalisation, sentence position, person titles, given names, organisation cue
// words and person-name evidence gathered over the article. Resolution ranks each name's
// candidates by prior (importance), match quality, countries named in the article, explicit
// qualifiers ("Moscow, Idaho"), spatial coherence and one sense per name per article, and abstains
// (no place, low confidence) when the evidence is weak.

#include <gazetteer/index.hpp>
#include <gazetteer/layers.hpp>
#include <gazetteer/place.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gazetteer {

/// What kind of place mention a span is.
enum class MentionKind : std::uint8_t {
    Literal = 0,   ///< the place itself ("flew to Moscow")
    Metonymy = 1,  ///< the place standing for its government or people ("Moscow said")
    Demonym = 2,   ///< an adjective or people noun pointing to a place ("North Korean", "Syrian")
};

/// The language code the geoparser uses for `code` ("ru", "RU", "ru-RU", "rus" -> "ru"; "en",
/// "ko" likewise), or "" for "" and "auto" (detect from the text). Throws UsageError naming any
/// other code.
std::string canonical_language(std::string_view code);

/// Short lowercase name of a mention kind ("literal", "metonymy", "demonym").
const char* mention_kind_name(MentionKind k) noexcept;

/// A set of mention kinds: which kinds the geoparser reports. Corpora differ in what they count
/// as a toponym (GeoWebNews annotates demonyms, LGL and WikToR do not), so users choose.
class MentionKinds {
public:
    /// Every kind.
    constexpr MentionKinds() noexcept = default;
    /// Parses a comma-separated list of kind names ("literal,metonymy"). Throws UsageError
    /// naming the unknown word for anything else, and for an empty list.
    static MentionKinds parse(std::string_view list);
    constexpr bool has(MentionKind k) const noexcept { return (m_bits >> static_cast<unsigned>(k)) & 1u; }
    constexpr bool all() const noexcept { return m_bits == kAll; }
    /// The names in canonical order, comma-separated ("literal,metonymy,demonym").
    std::string to_string() const;

private:
    static constexpr std::uint8_t kAll = 0b111;
    std::uint8_t m_bits = kAll;
};

/// A candidate place of a mention with its resolution score (comparable within one mention).
struct MentionCandidate {
    Place place;
    double score = 0;
    MatchKind match = MatchKind::Name;
};

/// One place mention in a text. Offsets are end-exclusive; `start`/`end` count Unicode code
/// points (Python's text[start:end] is the surface), `byte_start`/`byte_end` UTF-8 bytes.
struct Mention {
    std::size_t start = 0, end = 0;
    std::size_t byte_start = 0, byte_end = 0;
    std::string text;                  ///< the surface as written ("Russia" of "Russia's")
    std::string sentence;              ///< the sentence holding it (trimmed to a snippet)
    std::size_t sentence_start = 0;    ///< code point offset of `sentence` in the text
    std::optional<Place> place;        ///< the resolved place; empty when the parser abstains
    double confidence = 0;             ///< in [0,1]: recognition and resolution evidence together
    MentionKind kind = MentionKind::Literal;
    MatchKind match = MatchKind::Name; ///< how the surface matched the chosen (or best) candidate
    std::vector<MentionCandidate> alternatives;  ///< best candidates, best first (includes the chosen one)
    std::vector<std::string> reasons;  ///< evidence, human readable ("country named in article", ...)
};

/// A resolved place aggregated over one article's mentions.
struct ArticlePlace {
    Place place;
    std::size_t count = 0;          ///< mentions resolved to it
    std::size_t first_start = 0;    ///< code point offset of its first mention
    double max_confidence = 0;
    double mean_confidence = 0;
};

/// The geoparse of one article.
struct ArticleResult {
    std::string id;
    std::vector<Mention> mentions;   ///< in text order
    std::vector<ArticlePlace> places; ///< in order of first mention
    std::string language;            ///< language whose rules read the text: "en", "ru" or "ko"
    /// Mentions without a resolved place.
    std::size_t unresolved() const noexcept;
};

/// User corrections of resolutions, keyed by mention start (code points): the id of the place the
/// mention means ("geonames:2013348"), or "" for "no place".
using ResolutionOverrides = std::map<std::size_t, std::string>;

/// Applies `overrides` to `result` (a parse of the same text): an overridden mention gets the
/// index's place with confidence 1 and the reason "chosen by the user", or loses its place for
/// "". When any override applied, `result.places` is tallied again as the geoparser tallies it
/// (order of first mention, confidences rounded to 3 decimals), so that the places, the layers
/// and an itinerary extracted from `result` all follow the user's choice. Starts that match no
/// mention are ignored (the text may have changed). Throws UsageError naming a place id the
/// index does not hold, before anything is changed.
void apply_overrides(const Index& index, ArticleResult& result, const ResolutionOverrides& overrides);

/// Options of the geoparser.
struct GeoparseOptions {
    /// Below this resolution confidence the parser abstains: the mention keeps its candidates
    /// but gets no place.
    double abstain_below = 0.3;
    /// Recognised spans whose recognition evidence is below this are dropped altogether.
    double recognition_threshold = 0.5;
    /// Candidates kept per mention in Mention::alternatives.
    std::size_t max_alternatives = 3;
    /// Posting-list entries considered per name (lists are in importance order).
    std::size_t max_candidates = 40;
    /// Sentence snippets longer than this (code points) are cut around the mention.
    std::size_t max_sentence_chars = 240;
    /// Report demonyms ("Syrian") as mentions of their country.
    bool demonyms = true;
    /// Texts longer than this (bytes) are parsed in windows of about this size, cut at a line
    /// or sentence break, so that memory stays bounded whatever the article's length (the
    /// working set is roughly 50 bytes per byte of one window). Article-level evidence (one
    /// sense per name, countries named, person names) then reaches across one window only.
    std::size_t window_bytes = std::size_t{1} << 20;
    /// Context each window reads beyond its cut on both sides (bytes), so that a mention at a
    /// seam is seen whole and with its neighbours; each mention is reported by exactly one window.
    std::size_t window_overlap_bytes = 2048;
    /// Kinds of mention reported; mentions of other kinds are left out of the result and of its
    /// places (they still count as context: "Syrian" still favours Syria's Aleppo).
    MentionKinds kinds;
    /// Language of the texts: "en", "ru", "ko", or "" / "auto" to detect each text's language
    /// from its script (Hangul: Korean, Cyrillic: Russian, otherwise English).
    std::string language;
};

/// Longest article (bytes of UTF-8) the faces accept: the CLI and the Python module refuse a
/// longer one with an error naming it, rather than run out of memory. Split such texts.
inline constexpr std::size_t kMaxArticleBytes = std::size_t{256} << 20;

/// Receives the mentions of one window of a long text (text order, whole-text offsets). The
/// vector may be moved from.
using MentionSink = std::function<void(std::vector<Mention>& mentions)>;

/// Progress of one parse: called with the fraction done, in [0, 1], between the parser's stages
/// and every few thousand words within them (a 5 MB article reports a few hundred times).
/// Returning false stops the parse: parse() then throws Cancelled. Called on the parsing thread.
using ParseProgress = std::function<bool(double fraction)>;

/// Turns texts into place mentions. parse() is const and thread safe: one Geoparser can serve
/// many threads. The Index must outlive the Geoparser.
class Geoparser {
public:
    /// Keeps a reference to `index`. Throws UsageError for out-of-range options or an unknown
    /// language.
    explicit Geoparser(const Index& index, GeoparseOptions options = {});

    /// Finds and resolves the place mentions of `text` (UTF-8; invalid bytes are tolerated).
    /// `id` is copied into the result. `language` ("en", "ru", "ko", "auto"; empty: the
    /// options' language) overrides the options for this text. Throws UsageError for an unknown
    /// language code; never throws for any text (std::bad_alloc aside).
    ArticleResult parse(std::string_view id, std::string_view text, std::string_view language = {}) const;

    /// As parse(), but hands the mentions to `sink` window by window instead of keeping them:
    /// the returned result holds the id and the article's places (aggregated over all
    /// windows) and no mentions. Memory is one window's working set plus what `sink` keeps, so
    /// a 50 MB article streams to JSON Lines in well under a gigabyte.
    /// The whole text's language decides every window's rules.
    ArticleResult parse_streaming(std::string_view id, std::string_view text, const MentionSink& sink,
                                  std::string_view language = {}) const;

    /// The language code ("en", "ru", "ko") parse() would read `text` in: `language` if given,
    /// else the options' language, else the one detected from the text's script.
    std::string text_language(std::string_view text, std::string_view language = {}) const;

    /// As parse(id, text, language), reporting to `progress` (may be empty), which can stop it:
    /// then throws Cancelled, and nothing of the article is returned. A long text reports over
    /// all its windows, from 0 to 1.
    ArticleResult parse(std::string_view id, std::string_view text, const ParseProgress& progress,
                        std::string_view language = {}) const;

    const GeoparseOptions& options() const noexcept { return m_options; }
    const Index& index() const noexcept { return *m_index; }

private:
    // One window, no cut, in a language already decided ("en", "ru" or "ko").
    ArticleResult parse_window(std::string_view id, std::string_view text, std::string_view language,
                               const ParseProgress* progress = nullptr) const;
    // The windows of a long text, each one's progress scaled into the whole text's.
    ArticleResult parse_windows(std::string_view id, std::string_view text, const MentionSink& sink,
                                const std::string& language, const ParseProgress* progress) const;
    const Index* m_index;
    GeoparseOptions m_options;
};

/// Extra article fields carried to the outputs (from JSON Lines input; all optional).
struct ArticleMeta {
    std::string title, url, date;
    std::string lang;  ///< the article's language code as given ("ru", "ko"; "" to detect)
};

/// Appends one JSON Lines record of `result` (no trailing newline) to `out`:
/// {"id", ["title", "url", "date",] "mentions": [...], "places": [...]}. Each mention has start,
/// end, text, lat, lon (null when abstaining), place_id, name, country, feature_code (null when
/// abstaining), confidence, kind, match, sentence, sentence_start, alternatives (place_id, name,
/// country, feature_code, lat, lon, score) and reasons. Each place has place_id, name, lat, lon,
/// country, feature_code, count, first_start, max_confidence, mean_confidence.
void append_json_line(std::string& out, const ArticleResult& result, const ArticleMeta& meta = {});

/// The three pieces of append_json_line() for writing one record while its mentions stream in
/// (Geoparser::parse_streaming()): the opening with id and meta, then mentions (`first` says
/// whether none was written yet; it is updated), then the places and the closing brace.
void append_json_open(std::string& out, std::string_view id, const ArticleMeta& meta = {});
void append_json_mentions(std::string& out, const std::vector<Mention>& mentions, bool& first);
void append_json_close(std::string& out, const std::vector<ArticlePlace>& places);

/// One object of append_json_line(), alone: a mention, one of its alternatives, a place of the
/// article. The faces that hand out these objects one by one (the Python module's Mention,
/// MentionCandidate and ArticlePlace) take their fields from here, so they cannot drift from
/// the CLI's JSON Lines (same keys, order and rounding). `with_alternatives` false writes the
/// mention's "alternatives" as [] (for a face that hands them out one by one: the panel reads four
/// fields of 20,000 mentions and should not convert their candidates).
void append_json_mention(std::string& out, const Mention& mention, bool with_alternatives = true);
void append_json_alternative(std::string& out, const MentionCandidate& candidate);
void append_json_article_place(std::string& out, const ArticlePlace& place);

/// Accumulates geoparse results into two point layers for write_layers(), as
/// layer_schemas("geoparse") declares them (schemas.hpp):
/// "places" (one point per resolved place per article: article_id, place_id, name, country,
/// feature_code, mentions, first_start, max_confidence, mean_confidence, gazetteer_version,
/// source) and "mentions" (one feature per mention, null geometry when abstaining: article_id,
/// start, end, text, kind, place_id, name, country, feature_code, confidence, sentence).
/// Layers hold every feature in memory until written.
class GeoparseLayers {
public:
    /// `gazetteer_version`: provenance written on every place (e.g. engine version + index checksum).
    explicit GeoparseLayers(std::string gazetteer_version);
    void add(const ArticleResult& result);
    /// The two layers, places first. Leaves this object empty.
    std::vector<Layer> take();

private:
    std::string m_version;
    Layer m_places, m_mentions;
};

}  // namespace gazetteer
