// Word lists for geoparsing evidence, written for this project from general knowledge of English
// news style (AP/Reuters titles and conventions). Each list is a space-separated literal turned
// into a hash set once, on first use (C++11 guarantees thread-safe static initialisation).

#include "geoparse/lexicon.hpp"

#include <string_view>
#include <unordered_set>

namespace gazetteer::detail {

WordSet make_word_set(std::string_view words) {
    WordSet s;
    std::size_t i = 0;
    while (i < words.size()) {
        while (i < words.size() && (words[i] == ' ' || words[i] == '\n')) ++i;
        std::size_t j = i;
        while (j < words.size() && words[j] != ' ' && words[j] != '\n') ++j;
        if (j > i) s.insert(words.substr(i, j - i));
        i = j;
    }
    return s;
}

namespace {

constexpr std::string_view k_stop =
    "a an the and or but nor if then else of in on at to for from by with without within into onto upon "
    "as is are was were be been being am do does did done have has had having i me my we us our you your "
    "he him his she her it its they them their this that these those there here what which who whom whose "
    "why how when where while after before since until during about above below over under again further "
    "once all any both each few more most other some such no not only own same so than too very can will "
    "just should now also however although though because yet still even ever never always often perhaps "
    "many much one two three four five six seven eight nine ten first second third last next new old "
    "according among amid against along around across behind beyond despite except inside outside "
    "per via thus hence meanwhile moreover instead otherwise indeed already almost nearly "
    "mr mrs ms dr st said says say told tell asked ask added add may might must shall would could "
    "police government state city county town village capital country nation republic kingdom empire "
    "north south east west northern southern eastern western central middle upper lower "
    "president minister governor mayor senator officials official authorities army military "
    "people man men woman women children family home house office court party union council committee "
    "university school college hospital church station airport port bridge street road avenue park "
    "news report reports today yesterday tomorrow tonight morning evening night week year years month "
    "day days time times world international national global local regional federal public "
    "general major chief senior deputy acting former late young little big great grand good best well "
    "sun star moon earth sea ocean lake river mountain island islands beach valley hill bay gulf "
    "god lord king queen prince princess pope saint holy christ "
    "life love hope faith grace joy peace liberty freedom victory unity independence "
    "black white red green blue brown gray grey gold silver orange rose "
    "spring summer autumn fall winter "
    "bath reading mobile nice split sale battle wells deal hull buffalo orange bend "
    "says don let see look like get got make made take took give gave go going went come came "
    "why yes ok okay oh hi hello thanks please sorry "
    "photo video image file copyright source update live breaking exclusive analysis opinion editorial "
    "click share email print subscribe advertisement related read more watch listen";

constexpr std::string_view k_calendar =
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun "
    "christmas easter ramadan eid thanksgiving halloween";

constexpr std::string_view k_titles =
    "mr mrs ms miss mx dr sir dame lord lady madam president presidents vice premier chancellor king queen "
    "prince princess pope sheikh sheik emir sultan ayatollah imam rabbi bishop archbishop cardinal "
    "reverend rev father pastor gen general col colonel lt lieutenant sgt sergeant capt captain cmdr "
    "commander maj adm admiral marshal brig brigadier cpl corporal pvt private "
    "gov governor sen senator rep representative congressman congresswoman assemblyman assemblywoman "
    "councilman councilwoman councillor councilor mayor alderman judge justice magistrate prosecutor "
    "attorney lawyer secretary minister ambassador envoy diplomat consul spokesman spokeswoman "
    "spokesperson director chairman chairwoman chairperson chair ceo cfo coo cto founder cofounder "
    "executive manager coach striker midfielder defender goalkeeper forward quarterback pitcher "
    "actor actress singer rapper songwriter musician artist author writer novelist poet filmmaker "
    "producer journalist reporter correspondent editor columnist analyst economist researcher scientist "
    "professor prof dean principal teacher student inspector detective constable officer trooper "
    "deputy leader chief head candidate nominee activist dissident defector officer agent "
    "mp mep msp dj pm";

// Given names common in English-language news; names that are chiefly places (Austin, Victoria,
// Georgia, Paris, Jordan, Florence, Sydney, Chester, Lincoln ...) are deliberately absent.
constexpr std::string_view k_given =
    "aaron abdul abdullah abu adam adrian ahmad ahmed aisha alan albert alberto alejandro aleksandr "
    "alex alexander alexandra alexei alexey ali alice alicia allison amanda amber amir amy ana anders "
    "andre andrea andreas andrew andrei andrey andy angela angelina anil ann anna anne annie anthony "
    "antonio anton arnold arthur ashley barack barbara barry ben benjamin bernard bernie beth betty bill "
    "billy bob bobby boris brad bradley brandon brenda brett brian bruce bryan carl carla carlos carol "
    "caroline catherine charles charlie chris christian christina christine christopher chuck claire "
    "claudia colin craig cynthia dan daniel danielle danny darren dave david dean deborah dennis derek "
    "diana diane dmitry dmitri dominic donald donna doug douglas ed eddie edward elena eli elizabeth "
    "ellen emily emma emmanuel eric erik erin ethan eugene evan evgeny fatima felix fernando frank "
    "frederick gary george gerald gordon grace greg gregory hannah harold harry heather helen henry "
    "hillary howard hugh hugo ian igor isaac ivan jack jacob james jamie jane janet jason javier jean "
    "jeff jeffrey jennifer jenny jeremy jerry jess jessica jim jimmy joan joe joel john johnny jon "
    "jonathan jorge jose joseph josh joshua juan judy julia julian julie justin karen kate katherine "
    "kathleen kathy katie keith kelly ken kenneth kevin kim kimberly kyle larry laura lauren lawrence "
    "leonid linda lisa liz louis lucas luis luke lynn maria marie mario mark martin mary matt matthew "
    "megan melissa michael michelle miguel mike mikhail mohamed mohammad mohammed muhammad nancy natalia "
    "natalie nathan neil nicholas nick nicola nicolas nikita nikolai noah oleg oliver olivia omar oscar "
    "pablo pamela patricia patrick paul paula pedro peter phil philip phillip rachel rafael ralph ramon "
    "randy raymond rebecca richard rick rob robert roberto robin rodrigo roger ron ronald rose ross roy "
    "russell ruth ryan sam samantha samuel sandra sara sarah scott sean sergei sergey seth sharon shawn "
    "stephanie stephen steve steven susan tammy teresa terry theresa thomas tim timothy tina todd tom "
    "tommy tony tracy travis valentina valery vanessa victor viktor vince vincent vladimir walter wayne "
    "wendy william willie yevgeny yuri yury zachary boris rishi emmanuel olaf justin narendra recep "
    "volodymyr xi shinzo fumio yoshihide jacinda angela ursula jens antony lloyd kamala mitch nancy "
    "rex jared ivanka melania hunter beto kirsten ted marco rand elon jeff warren bernie pete amy";

constexpr std::string_view k_family_first =
    "kim lee park pak choi choe jung jeong chung kang cho jo yoon yun jang chang lim im han oh seo "
    "shin sin kwon hwang ahn an song ryu yoo hong moon mun ri rhee yang baek paik nam noh roh ha "
    "xi li wang zhang liu chen huang zhao zhou wu xu sun zhu hu guo lin luo gao zheng liang xie tang "
    "han cao deng feng zeng peng xiao cai pan tian dong yuan jiang ye du su wei ding shen ren lu "
    "nguyen tran pham hoang phan vu vo dang bui do ngo duong ly";

constexpr std::string_view k_org =
    "university universities college school academy institute institution polytechnic seminary "
    "times post journal herald tribune gazette news daily telegraph observer chronicle press magazine "
    "review reporter guardian independent mail express mirror sun star standard examiner inquirer "
    "bulletin courier dispatch register record sentinel monitor globe today weekly "
    "house department ministry office bureau agency administration authority commission committee "
    "council board party bank banks company co corporation corp inc incorporated ltd llc plc gmbh "
    "group holdings partners associates ventures capital fund funds trust foundation association "
    "society federation confederation league alliance coalition union syndicate cartel network "
    "airlines airline airways air railways railway rail motors motor electric energy oil petroleum "
    "gas power telecom communications technologies technology systems solutions software labs "
    "pharmaceuticals pharma industries industrial enterprises international worldwide global "
    "club fc afc rovers athletic wanderers hotspur albion rangers giants warriors lakers "
    "hospital clinic medical health police army navy corps force forces guard guards regiment "
    "brigade battalion militia court tribunal senate assembly congress parliament cabinet "
    "church cathedral mosque temple synagogue chapel abbey hotel motel inn resort casino "
    "stadium arena centre center theatre theater museum gallery library zoo studios studio "
    "records pictures films entertainment media broadcasting broadcast radio tv television channel "
    "festival awards award prize cup championship championships open marathon games olympics "
    "street st avenue ave road rd boulevard blvd lane drive highway freeway square plaza mall "
    "bridge tower towers building buildings airport station terminal port harbour harbor dock "
    "project program programme initiative summit conference forum convention declaration accord "
    "treaty act bill law protocol agreement plan doctrine strategy report index exchange market "
    "markets stock stocks review";

constexpr std::string_view k_reporting =
    "said says say told tells announced announces denied denies claimed claims accused accuses warned "
    "warns insisted insists stated states declared declares responded responds condemned condemns "
    "urged urges demanded demands rejected rejects agreed agrees signed signs wants wanted threatened "
    "threatens vowed vows called calls refused refuses hopes hoped plans planned decided decides "
    "expects expected believes believed sees saw sent sends imposed imposes launched launches "
    "retaliated responded blamed blames protested protests welcomed welcomes criticized criticised "
    "argued argues confirmed confirms reported reports";

constexpr std::string_view k_locative =
    "in at from to near into onto toward towards across throughout via outside inside around between "
    "through within across beyond off nearby outskirts based born raised located headquartered "
    "visit visited visiting visits arrive arrived arrives arriving reach reached travel traveled "
    "travelled traveling travelling flew fly flying return returned returning left leave leaving "
    "moved move lives lived living stationed deployed held hosted capital city town village province "
    "region state county district border borders bordering north south east west northeast northwest "
    "southeast southwest";

constexpr std::string_view k_modifiers =
    "north south east west northern southern eastern western central northeast northwest southeast "
    "southwest northeastern northwestern southeastern southwestern greater upper lower inner outer "
    "downtown suburban rural coastal metropolitan metro mainland";

constexpr std::string_view k_acronyms =
    "ai tv it id pm am ad bc ce ceo cfo pr hr ok ps cd dj vr ar ip pc mp mr ms dr st sr jr co vs "
    "nb fyi ff mg kg km cm mm ml gb mb kb uv hd tba tbc etc fm is be me my no or so to we he do "
    "go in on at as an of if up am gp gm na nc nd ne";

const WordSet& set_of(int which) {
    static const WordSet sets[] = {make_word_set(k_stop),      make_word_set(k_calendar), make_word_set(k_titles),
                                   make_word_set(k_given),     make_word_set(k_family_first), make_word_set(k_org),
                                   make_word_set(k_reporting), make_word_set(k_locative), make_word_set(k_modifiers),
                                   make_word_set(k_acronyms)};
    return sets[which];
}

}  // namespace

bool is_stop_word(std::string_view w) { return set_of(0).count(w) != 0; }
bool is_calendar_word(std::string_view w) { return set_of(1).count(w) != 0; }
bool is_title_word(std::string_view w) { return set_of(2).count(w) != 0; }
bool is_given_name(std::string_view w) { return set_of(3).count(w) != 0; }
bool is_leading_family_name(std::string_view w) { return set_of(4).count(w) != 0; }
bool is_org_cue(std::string_view w) { return set_of(5).count(w) != 0; }
bool is_reporting_verb(std::string_view w) { return set_of(6).count(w) != 0; }
bool is_locative_cue(std::string_view w) { return set_of(7).count(w) != 0; }
bool is_place_modifier(std::string_view w) { return set_of(8).count(w) != 0; }
bool is_common_acronym(std::string_view w) { return set_of(9).count(w) != 0; }

bool is_preposition(std::string_view w) {
    // Prepositions whose object is a place ("officials in Moscow", "the mayor of Kyiv", "a
    // delegation from Seoul"): a verb after such a place has another subject.
    static const WordSet kPrepositions = make_word_set(
        "in at from near to into across throughout within outside inside around via of for with "
        "on by between beyond toward towards along over under");
    return kPrepositions.count(w) != 0;
}

}  // namespace gazetteer::detail
