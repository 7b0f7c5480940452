// Russian place-name recognition.
//
// Russian inflects names for six cases ("Владивосток", "во Владивостоке", "из Хабаровска", "на
// Дальнем Востоке", "Приморского края"), while the index holds them in the nominative. Each
// capitalised Cyrillic word is turned back into its possible nominatives by suffix rules written
// for names (noun declensions I-III and the adjective declension, singular and the plural of
// pluralia tantum such as "Химки"), and phrases of up to four words are matched with every
// combination of their words' forms, pruned word by word with the index's prefix test. Suffix
// rules were preferred to Snowball's Russian stemmer: a stem ("владивосток", "хабаровск", but also
// "москв", "сибир") is not a key, so a stemmer would need a prefix search per word and still
// could not tell "Москва" from "Москве" in the index; the rules produce keys directly.
//
// Evidence is Russian news usage: locative prepositions ("в", "во", "из", "на", "под") and place
// nouns ("город", "космодром", "область") before a name, place nouns inside it ("Амурской
// области"), capitalisation beyond the sentence start, person names (runs of capitalised words
// that are no place, titles such as "президент", patronymics), names in «guillemets» (rockets,
// ships, companies), and words the article also writes in lower case. Adjectival demonyms
// ("российский") are written in lower case and are never candidates.

#include "geoparse/language.hpp"

#include <gazetteer/detail/normalize.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_set>

namespace gazetteer::detail {

namespace {

using WordList = std::unordered_set<std::string_view>;

// Lower-case Cyrillic for the letters Russian uses (ASCII lower-cased too; anything else kept).
std::u32string lower_ru(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        unsigned len;
        char32_t c = decode_utf8(s, i, len);
        i += len;
        if (c >= 0x0410 && c <= 0x042F) c += 0x20;
        else if (c >= 0x0400 && c <= 0x040F) c += 0x50;
        else if (c == 0x0451) c = 0x0435;  // ё -> е: news writes both
        else if (c >= 'A' && c <= 'Z') c += 0x20;
        out.push_back(c);
    }
    return out;
}

std::string to_utf8(const std::u32string& s) {
    std::string out;
    out.reserve(s.size() * 2);
    for (char32_t c : s) append_utf8(out, c);
    return out;
}

bool is_cyrillic_word(std::string_view s) {
    unsigned len;
    char32_t c = decode_utf8(s, 0, len);
    return c >= 0x0400 && c <= 0x04FF;
}

bool ends_with(const std::u32string& w, std::u32string_view e) {
    return w.size() >= e.size() && std::u32string_view(w).substr(w.size() - e.size()) == e;
}

// Case endings and the nominative endings they may come from. Noun rules first, then adjective
// rules; all matching rules apply (the index decides which form exists).
struct EndingRule {
    std::u32string_view ending;
    std::array<std::u32string_view, 5> nominatives;
};
// "#" fills unused places ("" is a real ending: "Пхеньяном" -> "Пхеньян").
constexpr std::array<EndingRule, 36> k_rules = {{
    {U"ого", {U"ий", U"ый", U"ой", U"ое", U"#"}},
    {U"его", {U"ий", U"ее", U"#", U"#", U"#"}},
    {U"ому", {U"ий", U"ый", U"ой", U"ое", U"#"}},
    {U"ему", {U"ий", U"ее", U"#", U"#", U"#"}},
    {U"ыми", {U"ые", U"#", U"#", U"#", U"#"}},
    {U"ими", {U"ие", U"#", U"#", U"#", U"#"}},
    {U"ым", {U"ый", U"ой", U"ое", U"ые", U"#"}},
    {U"им", {U"ий", U"ие", U"ее", U"#", U"#"}},
    {U"ых", {U"ые", U"#", U"#", U"#", U"#"}},
    {U"их", {U"ие", U"#", U"#", U"#", U"#"}},
    {U"ую", {U"ая", U"#", U"#", U"#", U"#"}},
    {U"юю", {U"яя", U"#", U"#", U"#", U"#"}},
    {U"ом", {U"", U"ый", U"ий", U"ой", U"ое"}},
    {U"ем", {U"й", U"ь", U"", U"ий", U"ее"}},
    {U"ой", {U"а", U"ая", U"ый", U"ой", U"#"}},
    {U"ей", {U"я", U"ь", U"ая", U"яя", U"ий"}},
    {U"ами", {U"а", U"ы", U"и", U"", U"#"}},
    {U"ями", {U"я", U"и", U"#", U"#", U"#"}},
    {U"ах", {U"ы", U"и", U"а", U"#", U"#"}},
    {U"ях", {U"и", U"я", U"#", U"#", U"#"}},
    {U"ам", {U"ы", U"и", U"а", U"#", U"#"}},
    {U"ям", {U"и", U"я", U"#", U"#", U"#"}},
    {U"ью", {U"ь", U"#", U"#", U"#", U"#"}},
    {U"ою", {U"а", U"#", U"#", U"#", U"#"}},
    {U"ии", {U"ия", U"ий", U"ие", U"#", U"#"}},
    {U"ие", {U"ия", U"ие", U"#", U"#", U"#"}},
    {U"ье", {U"ье", U"ья", U"ь", U"#", U"#"}},
    {U"ья", {U"ье", U"ья", U"ьи", U"#", U"#"}},
    {U"е", {U"", U"а", U"я", U"й", U"о"}},
    {U"и", {U"ь", U"я", U"а", U"", U"й"}},
    {U"ы", {U"а", U"", U"#", U"#", U"#"}},
    {U"а", {U"", U"о", U"ь", U"#", U"#"}},
    {U"я", {U"й", U"ь", U"е", U"#", U"#"}},
    {U"у", {U"", U"а", U"о", U"#", U"#"}},
    {U"ю", {U"я", U"й", U"ь", U"е", U"#"}},
    {U"ое", {U"ое", U"ая", U"#", U"#", U"#"}},
}};

// The possible nominatives of a lower-case word, the word itself first, without duplicates.
void nominatives(const std::u32string& w, std::vector<std::u32string>& out) {
    out.clear();
    out.push_back(w);
    for (const auto& r : k_rules) {
        if (!ends_with(w, r.ending) || w.size() < r.ending.size() + 2) continue;
        std::u32string stem = w.substr(0, w.size() - r.ending.size());
        for (std::size_t k = 0; k < r.nominatives.size(); ++k) {
            if (r.nominatives[k] == U"#") break;
            std::u32string f = stem + std::u32string(r.nominatives[k]);
            if (f.size() >= 2 && std::find(out.begin(), out.end(), f) == out.end()) out.push_back(std::move(f));
        }
    }
}

// Function words and other capitalised sentence openers that are never names ("Во" is also a
// place somewhere).
const WordList& function_words() {
    static const WordList s = {
        "в", "во", "на", "из", "по", "под", "над", "но", "и", "а", "это", "он", "она", "они", "оно", "как", "так", "для",
        "при", "после", "до", "также", "кроме", "однако", "между", "через", "за", "с", "со", "к", "ко", "у", "о", "об",
        "не", "уже", "все", "всё", "его", "ее", "её", "их", "мы", "вы", "я", "там", "здесь", "тогда", "когда", "если",
        "что", "чтобы", "где", "который", "которые", "этот", "эта", "эти", "тот", "та", "те", "по-прежнему", "ранее",
        "позже", "затем", "сейчас", "теперь", "еще", "ещё", "именно", "лишь", "только", "даже", "сам", "сама", "сами",
        "около", "вблизи", "возле", "против", "среди", "вокруг", "кто", "чем", "или", "ни", "бы", "же", "ли", "то",
        "по", "будет", "был", "была", "были", "есть", "нет", "да", "пока", "поэтому", "впрочем", "кстати",
        // Adverbs of time that open news sentences ("Вчера Волга вышла из берегов").
        "вчера", "сегодня", "завтра", "накануне", "ночью", "утром", "днем", "днём", "вечером", "летом", "зимой",
        "весной", "осенью", "недавно", "сначала", "потом", "позднее", "прежде", "ныне"};
    return s;
}

// Prepositions after which a name is a location ("в Москве", "из Пхеньяна", "под Курском").
const WordList& locative_prepositions() {
    static const WordList s = {"в", "во", "из", "на", "под", "над", "около", "возле", "вблизи", "близ", "до", "через",
                               "от", "к", "ко", "из-под", "между", "у", "по", "над", "за"};
    return s;
}

// Place nouns in every case: before a name ("город Хабаровск", "космодроме Восточный",
// "станцию Хасан") they say place; inside a name ("Амурской области") they belong to it.
const WordList& place_nouns() {
    static const WordList s = {
        "город", "города", "городе", "городу", "городом", "г", "село", "села", "селе", "селом", "посёлок", "поселок",
        "посёлка", "поселка", "посёлке", "поселке", "деревня", "деревни", "деревне", "деревню", "станция", "станции",
        "станцию", "станцией", "космодром", "космодрома", "космодроме", "космодромом", "аэропорт", "аэропорта",
        "аэропорту", "аэропорте", "порт", "порта", "порту", "остров", "острова", "острове", "островом", "полуостров",
        "полуострова", "полуострове", "река", "реки", "реке", "реку", "рекой", "озеро", "озера", "озере", "море", "моря",
        "морю", "морем", "океан", "океана", "океане", "залив", "залива", "заливе", "пролив", "пролива", "проливе",
        "область", "области", "областью", "край", "края", "крае", "краю", "краем", "республика", "республики",
        "республике", "республику", "округ", "округа", "округе", "район", "района", "районе", "провинция", "провинции",
        "провинцию", "штат", "штата", "штате", "столица", "столицы", "столице", "столицу", "столицей", "регион",
        "региона", "регионе", "гора", "горы", "горе", "вулкан", "вулкана", "мыс", "мыса", "мысе", "хребет", "хребта",
        "долина", "долины", "долине", "пустыня", "пустыни", "пустыне", "перевал", "перевала", "порт", "бухта",
        "бухты", "бухте", "автономной", "автономная", "автономного", "автономный", "автономном"};
    return s;
}

// The same nouns in the nominative (lower case, "ё" as "е"): a word is a place noun when one of
// its possible nominatives is here, so every case of every noun counts without listing the forms
// ("по Северному Ледовитому океану", "на Карибских островах", "Суэцкого канала").
const WordList& place_noun_lemmas() {
    static const WordList s = {
        "город", "село", "поселок", "деревня", "станица", "станция", "космодром", "аэропорт", "порт", "остров",
        "острова", "архипелаг", "полуостров", "река", "озеро", "море", "океан", "залив", "пролив", "бухта",
        "водохранилище", "область", "край", "республика", "округ", "район", "провинция", "префектура", "штат",
        "столица", "регион", "гора", "горы", "нагорье", "плато", "равнина", "низменность", "вулкан", "мыс",
        "хребет", "долина", "пустыня", "перевал", "автономный", "автономная", "автономное"};
    return s;
}

// Place nouns that name one feature class: water bodies (GeoNames class H) and settlements (P).
const WordList& water_lemmas() {
    static const WordList s = {"река", "озеро", "море", "океан", "залив", "пролив", "бухта", "водохранилище"};
    return s;
}
const WordList& settlement_lemmas() {
    static const WordList s = {"город", "село", "поселок", "деревня", "станица"};
    return s;
}

// Heavenly bodies, in the nominative: in news of space flights "полёт к Луне", "миссия на Марс"
// name no place on Earth, though towns abroad are called Luna and Mars.
const WordList& heavenly_bodies() {
    static const WordList s = {"луна", "марс", "венера", "меркурий", "юпитер", "сатурн", "уран", "нептун", "плутон",
                               "солнце", "земля", "церера"};
    return s;
}

// English place nouns of GeoNames' Russian division names ("Amur Oblast", "Altai Krai").
std::string_view english_division_noun(const std::u32string& w) {
    if (w.rfind(U"област", 0) == 0) return "oblast";
    if (w == U"край" || w == U"края" || w == U"крае" || w == U"краю" || w == U"краем") return "krai";
    return {};
}

// Person titles and roles before a name ("президент Путин", "лидера КНДР Ким Чен Ына").
const WordList& title_words() {
    static const WordList s = {
        "президент", "президента", "президенту", "президентом", "лидер", "лидера", "лидеру", "лидером", "глава",
        "главы", "главой", "министр", "министра", "министром", "председатель", "председателя", "премьер", "премьера",
        "губернатор", "губернатора", "губернатором", "посол", "посла", "послом", "генерал", "генерала", "мэр", "мэра",
        "спикер", "пресс-секретарь", "пресс-секретаря", "директор", "директора", "руководитель", "руководителя",
        "господин", "госпожа", "г-н", "канцлер", "канцлера", "король", "короля", "принц", "принца", "товарищ",
        "вице-премьер", "замминистра", "депутат", "депутата", "сенатор", "сенатора", "журналист", "генсек",
        "помощник", "помощника", "советник", "советника", "представитель", "представителя", "полпред", "полпреда"};
    return s;
}

// Verbs of saying whose subject, when a place, stands for its government ("Москва заявила").
const WordList& reporting_verbs() {
    static const WordList s = {"заявил", "заявила", "заявило", "заявили", "сообщил", "сообщила", "сообщили",
                               "ответил", "ответила", "ответили", "предупредил", "предупредила", "предупредили",
                               "призвал", "призвала", "призвали", "осудил", "осудила", "осудили", "настаивает",
                               "считает", "требует", "обвинил", "обвинила", "обвинили", "отвергла", "отверг",
                               "объявил", "объявила", "объявили", "угрожает", "пригрозил", "пригрозила"};
    return s;
}

bool is_adjective(const std::u32string& w) {
    // Endings no noun declension shares ("-ом", "-ой" are nouns' too: "Пхеньяном", "Москвой").
    for (std::u32string_view e : {U"ый", U"ий", U"ая", U"яя", U"ое", U"ее", U"ого", U"его", U"ому", U"ему", U"ым",
                                  U"им", U"ую", U"юю", U"ые", U"ие", U"ых", U"их"})
        if (ends_with(w, e) && w.size() > e.size() + 3) return true;
    return false;
}

bool is_patronymic(const std::u32string& w) {
    for (std::u32string_view e : {U"ович", U"евич", U"овна", U"евна", U"овича", U"евича", U"овны", U"евны", U"овичу",
                                  U"евичу", U"овичем", U"евичем", U"ичем", U"ична", U"ичны"})
        if (ends_with(w, e) && w.size() > e.size() + 2) return true;
    return false;
}

// The stems of countries' Cyrillic names, longest first, for reading the country an adjective
// names ("российской" -> RU, "китайского" -> CN, "австралийский" -> AU before AT): a name loses
// its last vowel ("Корея" -> "коре", "Канада" -> "канад"), "-ия" ("Россия" -> "росс") or a soft
// sign, and an adjective of the country starts with the stem and ends in "-ск-". Irregular
// adjectives ("немецкий", "американский" from США) are not read. Made once per index file.
struct CountryStems {
    std::vector<std::pair<std::u32string, std::string>> stems;  // (stem, ISO code), longest first
};

const CountryStems& country_stems(const Index& idx) {
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<CountryStems>> cache;
    std::lock_guard<std::mutex> lock(mutex);
    auto& slot = cache[std::string(idx.path()) + "#" + std::to_string(idx.size())];
    if (slot) return *slot;
    slot = std::make_unique<CountryStems>();
    std::set<std::pair<std::u32string, std::string>> seen;
    for (std::uint32_t i = 0; i < idx.size(); ++i) {
        if (!is_country_feature_code(idx.place_feature_code(i))) continue;
        std::string cc(idx.place_country(i));
        if (cc.empty()) continue;
        for (std::size_t k = 0, n = idx.place_alt_name_count(i); k < n; ++k) {
            std::string_view a = idx.place_alt_name(i, k);
            if (!is_cyrillic_word(a) || a.find_first_of(" -") != std::string_view::npos) continue;
            std::u32string w = lower_ru(a);
            if (w.size() < 4) continue;
            if (ends_with(w, U"ия")) w.resize(w.size() - 2);
            else if (ends_with(w, U"я") || ends_with(w, U"а") || ends_with(w, U"ь") || ends_with(w, U"о")) w.pop_back();
            if (w.size() >= 4) seen.insert({w, cc});
        }
    }
    slot->stems.assign(seen.begin(), seen.end());
    std::stable_sort(slot->stems.begin(), slot->stems.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    return *slot;
}

class RussianRecogniser {
public:
    RussianRecogniser(const Index& idx, std::string_view text, const TokenizedText& tt, std::vector<LanguageSpan>& out)
        : m_idx(idx), m_text(text), m_toks(tt.tokens), m_out(out) {}

    void run() {
        prepare();
        learn_persons();
        scan_spans(
            m_toks.size(), [&](std::uint32_t i) { return is_candidate_start(i); },
            [&](std::uint32_t i, LanguageSpan& sp) { return match_at(i, sp); }, [&](LanguageSpan& sp) { return judge(sp); },
            m_out);
    }

private:
    const Index& m_idx;
    std::string_view m_text;
    const std::vector<Token>& m_toks;
    std::vector<LanguageSpan>& m_out;
    std::vector<std::u32string> m_lower;                 // per token, lower case ("" for non-words)
    std::vector<std::vector<std::string>> m_forms;       // per token, keys of its nominatives (lazy)
    std::vector<std::uint8_t> m_forms_done;
    std::vector<std::uint8_t> m_place_noun;              // per token: 0 unknown, 1 place noun, 2 not
    std::unordered_set<std::u32string> m_lower_words;    // words written in lower case somewhere
    std::unordered_set<std::u32string> m_lower_stems;    // the same without their last two letters
    std::unordered_set<std::string> m_persons;           // keys of person-name words
    std::vector<std::u32string> m_scratch;
    const CountryStems* m_stems = nullptr;               // country_stems() of the index, on first use

    std::string_view surface(std::uint32_t t) const { return m_text.substr(m_toks[t].begin, m_toks[t].end - m_toks[t].begin); }
    bool word(std::uint32_t t) const { return t < m_toks.size() && m_toks[t].is(TokWord); }
    bool cyr(std::uint32_t t) const { return word(t) && m_toks[t].is(TokNonAscii) && is_cyrillic_word(surface(t)); }
    bool cap(std::uint32_t t) const { return cyr(t) && m_toks[t].is(TokCapitalised); }
    std::string lower8(std::uint32_t t) const { return to_utf8(m_lower[t]); }

    void prepare() {
        m_lower.assign(m_toks.size(), {});
        m_forms.assign(m_toks.size(), {});
        m_forms_done.assign(m_toks.size(), 0);
        m_place_noun.assign(m_toks.size(), 0);
        m_lower_words.clear();
        m_lower_stems.clear();
        for (std::uint32_t t = 0; t < m_toks.size(); ++t) {
            if (!cyr(t)) continue;
            m_lower[t] = lower_ru(surface(t));
            if (!m_toks[t].is(TokCapitalised)) {
                m_lower_words.insert(m_lower[t]);
                if (m_lower[t].size() >= 5) m_lower_stems.insert(m_lower[t].substr(0, m_lower[t].size() - 2));
            }
        }
    }

    const std::vector<std::string>& forms(std::uint32_t t) {
        if (m_forms_done[t]) return m_forms[t];
        m_forms_done[t] = 1;
        auto& f = m_forms[t];
        if (cyr(t)) {
            nominatives(m_lower[t], m_scratch);
            std::string k;
            for (const auto& n : m_scratch) {
                word_key(to_utf8(n), k);
                if (!k.empty() && std::find(f.begin(), f.end(), k) == f.end()) f.push_back(k);
            }
        } else if (word(t)) {
            std::string k;
            word_key(surface(t), k);
            if (!k.empty()) f.push_back(k);
        }
        return f;
    }

    // The GeoNames feature class a place noun names, in any case: 'H' for water ("реке"),
    // 'P' for a settlement ("городом"); 0 for the others, which name several classes.
    char cue_feature_class(std::uint32_t t) {
        nominatives(m_lower[t], m_scratch);
        for (const auto& n : m_scratch) {
            std::string k = to_utf8(n);
            if (water_lemmas().count(k)) return 'H';
            if (settlement_lemmas().count(k)) return 'P';
        }
        return 0;
    }

    // The country a lower-case adjective names ("российской" -> "RU"), or "" (country_stems()).
    std::string country_of_adjective(std::uint32_t t) {
        if (!cyr(t) || m_toks[t].is(TokCapitalised)) return {};
        const std::u32string& w = m_lower[t];
        static constexpr std::array<std::u32string_view, 12> k_endings = {
            U"ский", U"ского", U"скому", U"ским", U"ском", U"ская", U"ской", U"скую", U"ские", U"ских", U"скими", U"ское"};
        std::size_t cut = 0;
        for (auto e : k_endings)
            if (ends_with(w, e)) { cut = e.size(); break; }
        if (cut == 0) return {};
        if (!m_stems) m_stems = &country_stems(m_idx);
        for (const auto& [stem, cc] : m_stems->stems)
            if (w.size() >= stem.size() + cut && w.compare(0, stem.size(), stem) == 0 && w.size() - cut - stem.size() <= 3)
                return cc;
        return {};
    }

    // "российской пограничной станции Хасан", "китайском городе Хуньчунь", "в китайском Хуньчуне":
    // the country an adjective before the name (or before its place noun) names.
    void country_hint(LanguageSpan& sp) {
        const std::uint32_t f = sp.first;
        for (std::uint32_t back = 1; back <= 3 && back <= f; ++back) {
            const std::uint32_t t = f - back;
            if (!cyr(t) || m_toks[t].is(TokCapitalised) || !m_toks[t + 1].is(TokSpaceBefore)) return;
            std::string cc = country_of_adjective(t);
            if (!cc.empty()) {
                sp.country = cc;
                sp.reasons.push_back("country from '" + std::string(surface(t)) + "'");
                return;
            }
            // Only place nouns and other adjectives may stand between ("пограничной станции"); an
            // adjective here may end as nouns do ("-ой", "-ом").
            const auto& w = m_lower[t];
            const bool adjective = is_adjective(w) || (w.size() > 5 && (ends_with(w, U"ой") || ends_with(w, U"ом") ||
                                                                        ends_with(w, U"ей") || ends_with(w, U"ем")));
            if (!place_noun(t) && !adjective) return;
        }
    }

    // True when token t is a place noun in any case (place_nouns(), place_noun_lemmas()).
    bool place_noun(std::uint32_t t) {
        if (!cyr(t)) return false;
        if (m_place_noun[t] == 0) {
            bool yes = place_nouns().count(lower8(t)) > 0;
            if (!yes) {
                nominatives(m_lower[t], m_scratch);
                for (const auto& n : m_scratch)
                    if (place_noun_lemmas().count(to_utf8(n))) { yes = true; break; }
            }
            m_place_noun[t] = yes ? 1 : 2;
        }
        return m_place_noun[t] == 1;
    }

    // The next token of a name: a word after one space, or after a hyphen written without spaces
    // ("Комсомольск-на-Амуре", "Улан-Батор"). -1 when none.
    long next_in_name(std::uint32_t t) const {
        std::uint32_t n = t + 1;
        if (n >= m_toks.size()) return -1;
        if (m_toks[n].is(TokWord)) return m_toks[n].is(TokNewlineBefore) ? -1 : static_cast<long>(n);
        char c = m_text[m_toks[n].begin];
        if (c == '-' && !m_toks[n].is(TokSpaceBefore) && word(n + 1) && !m_toks[n + 1].is(TokSpaceBefore))
            return static_cast<long>(n + 1);
        return -1;
    }

    bool is_candidate_start(std::uint32_t i) const {
        if (!cap(i) || m_toks[i].is(TokDigit)) return false;
        if (m_toks[i].cp_end - m_toks[i].cp_begin < 2) return false;
        return !function_words().count(lower8(i));
    }

    static bool only_abbreviations(const PostingList& pl) {
        for (auto p : pl)
            if (p.kind != MatchKind::Abbreviation) return false;
        return true;
    }

    // Longest phrase from token i whose nominative forms make an index key.
    bool match_at(std::uint32_t i, LanguageSpan& sp) {
        std::vector<std::string> beam = forms(i);
        long best_last = -1;
        PostingList best_list;
        std::string best_key;
        for (std::size_t n = 0; n < beam.size(); ++n) {
            auto pl = detail::postings(m_idx, beam[n]);
            // An initialism is written as it is: an inflected guess ("Туве" -> "тув") that only
            // an abbreviation owns is not that initialism.
            if (n > 0 && only_abbreviations(pl)) continue;
            if (!pl.empty()) { best_last = i; best_list = pl; best_key = beam[n]; break; }
        }
        std::uint32_t j = i;
        std::vector<std::string> next;
        for (int words = 1; words < 5; ++words) {
            long nx = next_in_name(j);
            if (nx < 0) break;
            auto n = static_cast<std::uint32_t>(nx);
            // A phrase goes on with capitalised words, hyphenated parts and place nouns only.
            bool hyphen = n == j + 2;
            if (!cap(n) && !hyphen && !place_noun(n) &&
                !(cyr(n) && m_lower[n].size() > 4 && next_in_name(n) > 0 && place_noun(static_cast<std::uint32_t>(next_in_name(n)))))
                break;
            next.clear();
            for (const auto& k : beam) {
                if (!detail::has_keys_with_prefix(m_idx, k)) continue;
                for (const auto& f : forms(n)) {
                    std::string c = k + " " + f;
                    if (std::find(next.begin(), next.end(), c) == next.end()) next.push_back(std::move(c));
                }
            }
            if (next.empty()) break;
            beam.swap(next);
            j = n;
            for (const auto& k : beam) {
                auto pl = detail::postings(m_idx, k);
                if (!pl.empty()) { best_last = j; best_list = pl; best_key = k; break; }
            }
        }
        // "космодроме Восточный", "острове Русский": the place noun before the name may be part
        // of the indexed name ("Космодром Восточный"); the span stays the name alone.
        if (i > 0 && cyr(i - 1) && !m_toks[i - 1].is(TokCapitalised) && m_toks[i].is(TokSpaceBefore) &&
            place_noun(i - 1)) {
            bool found = best_last > static_cast<long>(i);
            for (const auto& nk : forms(i - 1)) {
                if (found || !detail::has_keys_with_prefix(m_idx, nk)) continue;
                for (const auto& k : forms(i)) {
                    std::string c = nk + " " + k;
                    auto pl = detail::postings(m_idx, c);
                    if (!pl.empty()) { best_last = i; best_list = pl; best_key = c; found = true; break; }
                }
            }
        }
        // "Амурской области", "Алтайского края": GeoNames writes divisions in English, from the
        // adjective's stem ("Amur Oblast").
        if (best_last <= static_cast<long>(i)) {
            long nx = next_in_name(i);
            if (nx == static_cast<long>(i) + 1) {
                auto noun = english_division_noun(m_lower[static_cast<std::size_t>(nx)]);
                if (!noun.empty()) {
                    const auto& w = m_lower[i];
                    for (std::u32string_view e : {U"ской", U"ского", U"скому", U"ском", U"ская", U"ский", U"скую", U"ой",
                                                  U"ого", U"ом", U"ая", U"ий", U"ый"}) {
                        if (!ends_with(w, e) || w.size() < e.size() + 3) continue;
                        std::string bgn;
                        cyrillic_bgn_key(to_utf8(w.substr(0, w.size() - e.size())), bgn);
                        std::string k = bgn + " " + std::string(noun);
                        auto pl = detail::postings(m_idx, k);
                        if (pl.empty() && noun == "krai") pl = detail::postings(m_idx, k = bgn + " kray");
                        if (!pl.empty()) { best_last = nx; best_list = pl; best_key = k; break; }
                    }
                }
            }
        }
        // A single word known only by its BGN romanisation ("Новотроицк" -> "novotroitsk").
        bool bgn_only = false;
        if (best_last < 0) {
            nominatives(m_lower[i], m_scratch);
            std::string k;
            for (const auto& n : m_scratch) {
                cyrillic_bgn_key(to_utf8(n), k);
                auto pl = detail::postings(m_idx, k);
                if (!pl.empty()) { best_last = i; best_list = pl; best_key = k; bgn_only = true; break; }
            }
        }
        if (best_last < 0) return false;
        sp = LanguageSpan{};
        sp.first = i;
        sp.last = static_cast<std::uint32_t>(best_last);
        sp.key = best_key;
        sp.list = best_list;
        if (bgn_only) sp.reasons.push_back("romanised (BGN)");
        return true;
    }

    // Runs of capitalised words with a title before them, a patronymic in them, or that are no
    // place as a whole, name people: their words go to the person set.
    void learn_persons() {
        m_persons.clear();
        const auto n = static_cast<std::uint32_t>(m_toks.size());
        for (std::uint32_t i = 0; i < n;) {
            // A sentence opener that is a function word or a common word is not part of the run.
            if (!cap(i) || function_words().count(lower8(i)) || (m_toks[i].is(TokSentenceStart) && m_lower_words.count(m_lower[i]))) {
                ++i;
                continue;
            }
            std::uint32_t j = i;
            while (j + 1 < n && cap(j + 1) && m_toks[j + 1].is(TokSpaceBefore) && !m_toks[j + 1].is(TokNewlineBefore)) ++j;
            bool titled = i > 0 && cyr(i - 1) && title_words().count(lower8(i - 1));
            bool patronymic = false;
            for (auto k = i; k <= j; ++k) patronymic = patronymic || is_patronymic(m_lower[k]);
            if (titled || patronymic || (j > i && !phrase_is_place(i, j))) {
                for (auto k = i; k <= j; ++k) {
                    // Major places inside the run ("Президент России Владимир Путин"), titles and
                    // initialisms ("делегация КНДР", "власти США") are not names.
                    if (title_words().count(lower8(k)) || m_toks[k].is(TokAllCaps) || prominence_of(k) > 0 || names_division(k))
                        continue;
                    for (const auto& f : forms(k)) m_persons.insert(f);
                }
            }
            i = j + 1;
        }
    }

    bool has_cyrillic_name(std::uint32_t place, std::string_view key) {
        std::string k;
        for (std::size_t i = 0, n = m_idx.place_alt_name_count(place); i < n; ++i) {
            std::string_view a = m_idx.place_alt_name(place, i);
            if (a.empty() || !is_cyrillic_word(a)) continue;
            word_key(a, k);
            if (k == key) return true;
        }
        return false;
    }

    // True when the word's best reading names a country or first-level division of any size
    // ("Власти Крыма": a sentence opener and a region, not a person's names).
    bool names_division(std::uint32_t t) {
        for (const auto& k : forms(t)) {
            auto pl = detail::postings(m_idx, k);
            if (pl.empty()) continue;
            auto fc = m_idx.place_feature_code(pl[0].place);
            return fc == "ADM1" || is_country_feature_code(fc);
        }
        return false;
    }

    int prominence_of(std::uint32_t t) {
        for (const auto& k : forms(t)) {
            auto pl = detail::postings(m_idx, k);
            if (!pl.empty()) return prominence(m_idx, pl);
        }
        return 0;
    }

    bool phrase_is_place(std::uint32_t i, std::uint32_t j) {
        LanguageSpan sp;
        return match_at(i, sp) && sp.last >= j;
    }

    bool judge(LanguageSpan& sp) {
        const std::uint32_t f = sp.first, l = sp.last;
        const bool single = f == l;
        const int rank = prominence(m_idx, sp.list);
        const bool major = rank > 0;
        const bool sent_start = m_toks[f].is(TokSentenceStart);
        // Adjectival demonyms and people nouns are not annotated as places in Russian news.
        if (sp.list[0].kind == MatchKind::Demonym) return false;
        // Codes and abbreviations count only when written in capitals ("Луна" is no "LUN") and
        // recorded in Cyrillic ("КНДР"): "НПО" read as Latin "NPO" is some other code.
        // The key may be shared with Latin codes of other places ("США" and Salvador's "SSA"):
        // the candidate is the first place that records the Cyrillic form.
        if (sp.list[0].kind == MatchKind::Abbreviation) {
            if (!m_toks[f].is(TokAllCaps)) return false;
            std::size_t n = 0, k = 0;
            for (; k < sp.list.size() && n < 8; ++k, ++n)
                if (has_cyrillic_name(sp.list[k].place, sp.key)) break;
            if (k == sp.list.size() || n == 8) return false;
            sp.list = sp.list.sub(k, k + 1);
        }
        // "на реке Урал", "городом Циолковский": a place noun that names a kind of feature
        // (water, settlement) rules out names the index knows only as another kind.
        if (f > 0 && cyr(f - 1) && !m_toks[f - 1].is(TokCapitalised)) {
            const char want = cue_feature_class(f - 1);
            if (want != 0) {
                bool any = false;
                for (std::size_t k = 0; k < sp.list.size() && k < 32 && !any; ++k)
                    any = m_idx.place_feature_class(sp.list[k].place) == want;
                if (!any) return false;
            }
        }
        // Cues before the name.
        if (f > 0 && cyr(f - 1) && !m_toks[f - 1].is(TokCapitalised)) {
            std::string pk = lower8(f - 1);
            if (locative_prepositions().count(pk) || place_noun(f - 1)) {
                sp.cue = true;
                sp.reasons.push_back("after '" + std::string(surface(f - 1)) + "'");
            }
        } else if (f > 1 && m_toks[f - 1].is(TokPunct) && m_text[m_toks[f - 1].begin] == '.' && cyr(f - 2) && lower8(f - 2) == "г") {
            sp.cue = true;
            sp.reasons.push_back("after 'г.'");
        } else if (f > 0 && sent_start && cyr(f - 1) && locative_prepositions().count(lower8(f - 1))) {
            sp.cue = true;  // "В Москве ..." opening a sentence
            sp.reasons.push_back("after '" + std::string(surface(f - 1)) + "'");
        }
        // A place noun inside the name ("Амурской области", "Японском море").
        for (auto t = f + 1; t <= l; ++t)
            if (cyr(t) && !m_toks[t].is(TokCapitalised) && place_noun(t)) sp.cue = true;
        // «Ангара», «Союз-2»: rockets, ships, companies and newspapers, unless a place noun
        // introduces them ("космодром «Восточный»").
        bool quoted = f > 0 && m_toks[f - 1].is(TokPunct) && l + 1 < m_toks.size() && m_toks[l + 1].is(TokPunct);
        if (quoted) {
            auto open = m_text.substr(m_toks[f - 1].begin, m_toks[f - 1].end - m_toks[f - 1].begin);
            quoted = open == "«" || open == "\"" || open == "„" || open == "“";
        }
        if (quoted) {
            bool noun_before = f >= 2 && place_noun(f - 2);
            if (!noun_before) return false;
            sp.cue = true;
        }
        // "МЧС России", "ВМФ России", "МИД Китая": a country after an organisation's initials is
        // part of the organisation's name.
        if (f > 0 && cyr(f - 1) && m_toks[f - 1].is(TokAllCaps) && m_toks[f].is(TokSpaceBefore) && prominence_of(f - 1) == 0)
            return false;
        if (single) {
            const std::string& k = sp.key;
            // A place noun right before says what the word names ("городом Циолковский").
            const bool noun_cue = f > 0 && cyr(f - 1) && !m_toks[f - 1].is(TokCapitalised) && place_noun(f - 1);
            if (!noun_cue) {
                nominatives(m_lower[f], m_scratch);
                for (const auto& n : m_scratch)
                    if (heavenly_bodies().count(to_utf8(n))) return false;
            }
            // An inflected guess opening a sentence ("Работы" -> "работа") needs a cue or a
            // country: the word as written is no name.
            if (sent_start && !sp.cue && rank < 3) {
                std::string as_written;
                word_key(surface(f), as_written);
                if (as_written != k) return false;
            }
            // A person's surname is a place when a place noun introduces it ("городом Циолковский").
            if (m_persons.count(k) && !(rank >= 2 && sp.cue) && !noun_cue) return false;
            // A sentence opener the article also writes in lower case is a common word.
            // Inflected forms count too: "Работы" opening a sentence, "работу" later.
            const auto& lw = m_lower[f];
            if (sent_start && (m_lower_words.count(lw) || (lw.size() >= 5 && m_lower_stems.count(lw.substr(0, lw.size() - 2)))))
                return false;
            // A capitalised adjective before a common noun names a thing, not the place its
            // namesake is ("Тихоокеанский флот", "Северный морской путь").
            if (!major && !noun_cue && l + 1 < m_toks.size() && cyr(l + 1) && !m_toks[l + 1].is(TokCapitalised) &&
                m_toks[l + 1].is(TokSpaceBefore) && m_lower[l + 1].size() > 3 && !function_words().count(lower8(l + 1)) &&
                !place_noun(l + 1) && is_adjective(lw))
                return false;
            // A capitalised neighbour that is no place makes this part of a longer name: a person
            // ("Ким Чен Ын", "Владимир Путин") or an organisation. An initialism stands apart
            // ("лидер КНДР Ким Чен Ын").
            const bool initialism = m_toks[f].is(TokAllCaps) && sp.list[0].kind == MatchKind::Abbreviation;
            bool name_neighbour = false;
            if (!initialism && f > 0 && cap(f - 1) && m_toks[f].is(TokSpaceBefore) && !m_toks[f - 1].is(TokSentenceStart) &&
                prominence_of(f - 1) == 0 && !locative_prepositions().count(lower8(f - 1)))
                name_neighbour = true;
            if (!initialism && l + 1 < m_toks.size() && cap(l + 1) && m_toks[l + 1].is(TokSpaceBefore) &&
                !m_toks[l + 1].is(TokNewlineBefore) && prominence_of(l + 1) == 0)
                name_neighbour = true;
            if (name_neighbour && !major) return false;
            if (name_neighbour) sp.recog -= 0.1;
            if (sent_start && !major && !sp.cue) {
                sp.weak = true;
                sp.recog -= 0.15;
                sp.reasons.push_back("capitalised at sentence start");
            }
        }
        // Reporting verb after the name: metonymy ("Москва заявила").
        if (l + 1 < m_toks.size() && cyr(l + 1) && !m_toks[l + 1].is(TokCapitalised) && reporting_verbs().count(lower8(l + 1)))
            sp.metonymy = true;
        bool bgn_only = !sp.reasons.empty() && sp.reasons.front() == "romanised (BGN)";
        // A name known only by its English spelling needs a cue: Chinese and Korean names in
        // Russian spelling ("Чжэн") romanise into unrelated namesakes.
        if (bgn_only && !sp.cue) return false;
        if (!major && !sp.cue && (single || bgn_only)) {
            if (bgn_only || m_idx.place_importance(sp.list[0].place) < 0.55f) sp.weak = true;
        }
        if (sp.recog >= 0.5) country_hint(sp);
        return sp.recog >= 0.5;
    }
};

}  // namespace

void find_russian_spans(const Index& index, std::string_view text, const TokenizedText& tt, std::vector<LanguageSpan>& out) {
    RussianRecogniser(index, text, tt, out).run();
}

}  // namespace gazetteer::detail
