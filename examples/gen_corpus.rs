//! A deterministic generator of realistic briefing corpora, for benchmarks and timing.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --count 1000 --seed 1 --out /tmp/corpus-1k
//! cargo run --release --example gen_corpus -- --count 10 --out /tmp/huge \
//!     --huge-pane-bytes 1000000 --huge-participants 10000
//! ```
//!
//! Each briefing is about 7.7 KB of TOML (1,000 briefings ≈ 7.7 MB): Unicode names (accents,
//! Cyrillic, Greek, CJK, Hangul), 5–20 participants drawn from a shared pool (so people
//! recur across summits), prior meetings whose `summit =` links name earlier generated
//! briefings, disagreements whose ids recur across the corpus, and sources that every item
//! cites. The same `--count` and `--seed` always give byte-identical files, and every file
//! passes `sherpa check --strict`.
//!
//! `--huge-pane-bytes B` adds `huge-pane.toml` (id `huge-pane`) whose prior-meetings pane
//! holds about B bytes; `--huge-participants K` adds `huge-participants.toml` (id
//! `huge-participants`) with K participants. Both come on top of the `--count` briefings.
//!
//! The benchmarks include this file as a module, so the generator has one definition.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// splitmix64: tiny, fast and good enough for test data; no dependency needed.
pub struct Rng(u64);

impl Rng {
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    pub fn range(&mut self, low: usize, high: usize) -> usize {
        let span = (high - low + 1) as u64;
        low + usize::try_from(self.next_u64() % span).unwrap_or(0)
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.range(0, items.len() - 1)]
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.range(0, 99) < percent
    }
}

const CITIES: &[(&str, &str)] = &[
    ("geneva", "Palais des Nations, Genève"),
    ("helsinki", "Presidential Palace, Helsinki"),
    ("reykjavik", "Höfði House, Reykjavík"),
    ("sao-paulo", "Palácio dos Bandeirantes, São Paulo"),
    ("beijing", "Great Hall of the People, 北京"),
    ("tokyo", "Akasaka Palace, 東京"),
    ("seoul", "Cheong Wa Dae, 서울"),
    ("moscow", "Grand Kremlin Palace, Москва"),
    ("zurich", "Kongresshaus, Zürich"),
    ("krakow", "Wawel Castle, Kraków"),
    ("malmo", "Malmö Live, Malmö"),
    ("cordoba", "Palacio de Congresos, Córdoba"),
    ("istanbul", "Çırağan Palace, İstanbul"),
    ("hanoi", "National Convention Center, Hà Nội"),
    ("singapore", "Capella Hotel, Sentosa, Singapore"),
    (
        "nairobi",
        "Kenyatta International Convention Centre, Nairobi",
    ),
    ("osaka", "INTEX, 大阪"),
    ("vienna", "Hofburg, Wien"),
    ("brussels", "Europa Building, Brussels"),
    ("montreal", "Palais des congrès, Montréal"),
    ("athens", "Μέγαρο Μαξίμου, Αθήνα"),
    ("prague", "Pražský hrad, Praha"),
    ("buenos-aires", "Costa Salguero, Buenos Aires"),
    ("da-nang", "Furama Resort, Đà Nẵng"),
    ("hamburg", "Messehallen, Hamburg"),
    ("paris", "Élysée Palace, Paris"),
    ("oslo", "Akershus Fortress, Oslo"),
    ("delhi", "Bharat Mandapam, नई दिल्ली"),
];

const PARTIES: &[&str] = &[
    "United States",
    "Россия (Russia)",
    "中国 (China)",
    "Deutschland",
    "France",
    "日本 (Japan)",
    "대한민국 (South Korea)",
    "Türkiye",
    "Brasil",
    "India",
    "Suomi (Finland)",
    "European Union",
    "Việt Nam",
    "Ελλάδα (Greece)",
    "Česko",
    "México",
    "Österreich",
    "Polska",
    "South Africa",
    "Україна (Ukraine)",
];

const FIRST_NAMES: &[&str] = &[
    "Sauli",
    "José",
    "François",
    "Zoë",
    "Björn",
    "Łukasz",
    "Ana",
    "Ingrid",
    "Mehmet",
    "Aurélie",
    "Jürgen",
    "Søren",
    "Marta",
    "Tomás",
    "Chloé",
    "Nikolai",
    "Priya",
    "Amara",
    "Dagný",
    "Élodie",
    "Hélène",
    "Matías",
    "Oğuz",
    "Renée",
    "Siobhán",
    "Václav",
    "Wojciech",
    "Yusuf",
    "Zsófia",
    "Ines",
];

const LAST_NAMES: &[&str] = &[
    "Niinistö",
    "García",
    "Müller",
    "Dvořák",
    "Kowalczyk",
    "Søndergaard",
    "Öztürk",
    "Ferreira",
    "Lefèvre",
    "Šimić",
    "Þórsdóttir",
    "Nakamura",
    "O'Connell",
    "Peña",
    "Rossi",
    "Schröder",
    "Virtanen",
    "Wójcik",
    "Yılmaz",
    "Zapata",
    "Åberg",
    "Brontë",
    "Cárdenas",
    "Ngugi",
];

const FULL_NAMES: &[&str] = &[
    "王伟",
    "李娜",
    "张敏",
    "刘洋",
    "佐藤 健",
    "鈴木 花子",
    "高橋 大輔",
    "김민준",
    "이서연",
    "박지훈",
    "Nguyễn Văn An",
    "Trần Thị Hoa",
    "Сергей Иванов",
    "Ольга Петрова",
    "Дмитрий Смирнов",
    "Αλέξανδρος Παπαδόπουλος",
    "Ελένη Γεωργίου",
    "Олена Шевченко",
    "अनन्या शर्मा",
];

const ROLES: &[&str] = &[
    "President",
    "Prime Minister",
    "Foreign Minister",
    "National Security Adviser",
    "Chief negotiator",
    "Sherpa",
    "Trade Representative",
    "Defence Minister",
    "Ambassador",
    "Deputy Foreign Minister",
    "Finance Minister",
    "Chief of Staff",
    "Senior interpreter",
    "Energy Minister",
];

const ISSUES: &[(&str, &str)] = &[
    ("arms-control", "Limits on deployed strategic warheads"),
    ("trade-tariffs", "Tariffs on steel and aluminium"),
    ("border-demarcation", "Where the land border runs"),
    ("fishing-rights", "Fishing quotas in shared waters"),
    ("sanctions-relief", "Sequencing of sanctions relief"),
    ("cyber-norms", "Norms for state conduct in cyberspace"),
    ("climate-finance", "Who pays for climate adaptation"),
    ("nuclear-testing", "A moratorium on nuclear testing"),
    ("prisoner-exchange", "Terms of a prisoner exchange"),
    (
        "airspace-incidents",
        "Rules for military aircraft near borders",
    ),
    ("energy-transit", "Gas transit fees and pipeline access"),
    ("data-localisation", "Data localisation requirements"),
    ("export-controls", "Export controls on advanced chips"),
    ("maritime-claims", "Overlapping maritime claims"),
    ("refugee-returns", "Voluntary return of refugees"),
    ("debt-restructuring", "Restructuring of sovereign debt"),
    ("election-interference", "Interference in elections"),
    ("space-debris", "Responsibility for space debris"),
    ("water-sharing", "Sharing of river water in dry years"),
    ("visa-regime", "Visa-free travel for students"),
    ("rare-earths", "Access to rare-earth minerals"),
    ("arctic-shipping", "Shipping lanes through the Arctic"),
    ("peacekeeping", "The mandate of the peacekeeping mission"),
    ("investment-screening", "Screening of foreign investment"),
];

const WORDS: &[&str] = &[
    "the",
    "delegation",
    "talks",
    "agreed",
    "to",
    "continue",
    "working",
    "on",
    "a",
    "framework",
    "for",
    "verification",
    "both",
    "sides",
    "stressed",
    "that",
    "any",
    "deal",
    "must",
    "include",
    "measures",
    "of",
    "confidence",
    "and",
    "regular",
    "consultations",
    "between",
    "ministers",
    "détente",
    "rapprochement",
    "naïve",
    "façade",
    "communiqué",
    "protocol",
    "ceasefire",
    "negotiators",
    "reported",
    "progress",
    "despite",
    "objections",
    "from",
    "parliament",
    "over",
    "timetable",
    "implementation",
    "in",
    "principle",
    "although",
    "observers",
    "doubted",
    "whether",
    "commitments",
    "would",
    "hold",
    "after",
    "elections",
    "next",
    "year",
    "joint",
    "statement",
    "welcomed",
    "expanded",
    "cooperation",
    "energy",
    "security",
    "trade",
    "coöperation",
    "協議",
    "협상",
    "переговоры",
    "with",
    "several",
    "questions",
    "left",
    "open",
    "until",
    "working-level",
    "meetings",
    "resume",
    "autumn",
];

const PUBLISHERS: &[&str] = &[
    "Reuters",
    "Agence France-Presse",
    "Congressional Research Service",
    "Le Monde",
    "Süddeutsche Zeitung",
    "Yomiuri Shimbun",
    "人民日报",
    "Коммерсантъ",
    "Helsingin Sanomat",
    "Folha de S.Paulo",
    "The Hindu",
    "Ministry of Foreign Affairs",
];

/// One person of the shared pool: name and delegation stay fixed across summits.
struct Person {
    name: String,
    delegation: &'static str,
}

/// The generated facts of one summit, fixed before any text is written so that later
/// briefings can link to earlier ones.
struct SummitStub {
    id: String,
    year: u16,
    month: u8,
    day: u8,
    city: usize,
}

impl SummitStub {
    fn date(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A TOML basic string, escaped.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn sentence(rng: &mut Rng, min_words: usize, max_words: usize) -> String {
    let count = rng.range(min_words, max_words);
    let mut out = String::new();
    for i in 0..count {
        let word = rng.pick(WORDS);
        if i == 0 {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push(' ');
            out.push_str(word);
        }
    }
    out.push('.');
    out
}

fn sentences(rng: &mut Rng, count: usize) -> String {
    (0..count)
        .map(|_| sentence(rng, 8, 18))
        .collect::<Vec<_>>()
        .join(" ")
}

fn person_pool(rng: &mut Rng, size: usize) -> Vec<Person> {
    (0..size)
        .map(|_| {
            let name = if rng.chance(30) {
                rng.pick(FULL_NAMES).to_owned()
            } else {
                format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES))
            };
            Person {
                name,
                delegation: rng.pick(PARTIES),
            }
        })
        .collect()
}

fn stubs(rng: &mut Rng, count: usize) -> Vec<SummitStub> {
    let mut stubs: Vec<SummitStub> = (0..count)
        .map(|_| SummitStub {
            id: String::new(),
            year: u16::try_from(rng.range(1960, 2030)).unwrap_or(2000),
            month: u8::try_from(rng.range(1, 12)).unwrap_or(1),
            day: u8::try_from(rng.range(1, 28)).unwrap_or(1),
            city: rng.range(0, CITIES.len() - 1),
        })
        .collect();
    stubs.sort_by_key(|s| (s.year, s.month, s.day));
    for (index, stub) in stubs.iter_mut().enumerate() {
        stub.id = format!("{}-{}-{index:05}", CITIES[stub.city].0, stub.year);
    }
    stubs
}

/// Writes `[[sources]]` entries `s1..=sN`.
fn write_sources(out: &mut String, rng: &mut Rng, count: usize, year: u16) {
    for n in 1..=count {
        let publisher = rng.pick(PUBLISHERS);
        let _ = write!(
            out,
            "\n[[sources]]\nid = \"s{n}\"\ntitle = {}\npublisher = {}\nurl = \"https://example.org/{year}/report-{n}-{}\"\ndate = {year:04}-{:02}-{:02}\n",
            quoted(&sentence(rng, 4, 9)),
            quoted(publisher),
            rng.next_u64() % 100_000,
            rng.range(1, 12),
            rng.range(1, 28),
        );
    }
}

/// A `sources = [...]` line citing 1–3 of the `count` sources.
fn cite(rng: &mut Rng, count: usize) -> String {
    let first = rng.range(1, count);
    let mut ids = vec![first];
    for _ in 0..rng.range(0, 2) {
        let id = rng.range(1, count);
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let list: Vec<String> = ids.iter().map(|i| format!("\"s{i}\"")).collect();
    format!("sources = [{}]\n", list.join(", "))
}

fn write_meeting(out: &mut String, rng: &mut Rng, earlier: &SummitStub, sources: usize) {
    let _ = write!(
        out,
        "\n[[prior_meetings]]\ndate = {}\nplace = {}\nsummary = {}\n",
        earlier.date(),
        quoted(CITIES[earlier.city].1),
        quoted(&sentences(rng, 2)),
    );
    if rng.chance(70) {
        let _ = writeln!(out, "outcome = {}", quoted(&sentence(rng, 6, 14)));
    }
    let _ = writeln!(out, "summit = {}", quoted(&earlier.id));
    out.push_str(&cite(rng, sources));
}

fn write_participant(out: &mut String, rng: &mut Rng, person: &Person, sources: usize) {
    let _ = write!(
        out,
        "\n[[participants]]\nname = {}\nrole = {}\ndelegation = {}\n",
        quoted(&person.name),
        quoted(rng.pick(ROLES)),
        quoted(person.delegation),
    );
    if rng.chance(75) {
        let _ = writeln!(out, "notes = {}", quoted(&sentence(rng, 8, 16)));
    }
    out.push_str(&cite(rng, sources));
}

/// The text of briefing `index`: links go to earlier stubs, so the links form a history.
fn briefing(rng: &mut Rng, stubs: &[SummitStub], index: usize, people: &[Person]) -> String {
    let stub = &stubs[index];
    let (_, location) = CITIES[stub.city];
    let sources = rng.range(5, 9);
    let mut out = String::with_capacity(9000);
    let status = if stub.year >= 2026 {
        "scheduled"
    } else if rng.chance(5) {
        "cancelled"
    } else {
        "held"
    };
    let first = rng.range(0, PARTIES.len() - 1);
    let second = (first + rng.range(1, PARTIES.len() - 1)) % PARTIES.len();
    let parties = [PARTIES[first], PARTIES[second]];
    let _ = write!(
        out,
        "[summit]\nid = {}\ntitle = {}\ndate = {}\nlocation = {}\nstatus = \"{status}\"\nsummary = \"\"\"\n{}\n\n{}\n\"\"\"\ntags = [{}, {}, \"generated\"]\n",
        quoted(&stub.id),
        quoted(&format!(
            "{} – {} summit in {}",
            parties[0],
            parties[1],
            location.rsplit(", ").next().unwrap_or(location)
        )),
        stub.date(),
        quoted(location),
        sentences(rng, 3),
        sentences(rng, 3),
        quoted(ISSUES[rng.range(0, ISSUES.len() - 1)].0),
        quoted(&stub.year.to_string()),
    );
    for _ in 0..rng.range(5, 20) {
        let person = &people[rng.range(0, people.len() - 1)];
        write_participant(&mut out, rng, person, sources);
    }
    if index > 0 {
        for _ in 0..rng.range(1, 4) {
            let earlier = &stubs[rng.range(0, index - 1)];
            write_meeting(&mut out, rng, earlier, sources);
        }
    }
    for _ in 0..rng.range(2, 5) {
        let _ = write!(
            out,
            "\n[[goals]]\nparty = {}\ngoal = {}\n{}",
            quoted(parties[rng.range(0, 1)]),
            quoted(&sentences(rng, 1)),
            cite(rng, sources),
        );
    }
    for _ in 0..rng.range(1, 4) {
        let (id, topic) = ISSUES[rng.range(0, ISSUES.len() - 1)];
        let status = rng.pick(&["open", "open", "narrowed", "resolved"]);
        let _ = write!(
            out,
            "\n[[disagreements]]\nid = {}\ntopic = {}\nsummary = {}\nstatus = \"{status}\"\npositions = [\n  {{ party = {}, position = {} }},\n  {{ party = {}, position = {} }},\n]\n{}",
            quoted(id),
            quoted(topic),
            quoted(&sentence(rng, 8, 16)),
            quoted(parties[0]),
            quoted(&sentence(rng, 6, 14)),
            quoted(parties[1]),
            quoted(&sentence(rng, 6, 14)),
            cite(rng, sources),
        );
    }
    write_sources(&mut out, rng, sources, stub.year);
    out
}

/// `count` briefings as (file name, TOML text), identical for the same count and seed.
#[must_use]
pub fn generate(count: usize, seed: u64) -> Vec<(String, String)> {
    let mut rng = Rng::new(seed);
    let people = person_pool(&mut rng, (count * 3).clamp(50, 3000));
    let stubs = stubs(&mut rng, count);
    (0..count)
        .map(|index| {
            let text = briefing(&mut rng, &stubs, index, &people);
            (format!("{}.toml", stubs[index].id), text)
        })
        .collect()
}

/// `huge-pane.toml`: a briefing whose prior-meetings pane holds about `bytes` bytes. Its
/// meetings link to the ids in `links` (when there are any).
#[must_use]
pub fn huge_pane(bytes: usize, seed: u64, links: &[String]) -> (String, String) {
    let mut rng = Rng::new(seed ^ 0x4855_4745);
    let mut out = String::from(
        "[summit]\nid = \"huge-pane\"\ntitle = \"A summit with a very long history\"\ndate = 2031-01-01\nlocation = \"Palais des Nations, Genève\"\nstatus = \"scheduled\"\n",
    );
    let start = out.len();
    let sources = 8;
    while out.len() - start < bytes {
        let stub = SummitStub {
            id: links
                .get(rng.range(0, links.len().max(1) - 1))
                .cloned()
                .unwrap_or_default(),
            year: u16::try_from(rng.range(1960, 2030)).unwrap_or(2000),
            month: u8::try_from(rng.range(1, 12)).unwrap_or(1),
            day: u8::try_from(rng.range(1, 28)).unwrap_or(1),
            city: rng.range(0, CITIES.len() - 1),
        };
        let _ = write!(
            out,
            "\n[[prior_meetings]]\ndate = {}\nplace = {}\nsummary = {}\noutcome = {}\n",
            stub.date(),
            quoted(CITIES[stub.city].1),
            quoted(&sentences(&mut rng, 3)),
            quoted(&sentence(&mut rng, 6, 14)),
        );
        if !stub.id.is_empty() {
            let _ = writeln!(out, "summit = {}", quoted(&stub.id));
        }
        out.push_str(&cite(&mut rng, sources));
    }
    write_sources(&mut out, &mut rng, sources, 2030);
    ("huge-pane.toml".to_owned(), out)
}

/// `huge-participants.toml`: a briefing with `count` participants.
#[must_use]
pub fn huge_participants(count: usize, seed: u64) -> (String, String) {
    let mut rng = Rng::new(seed ^ 0x5041_5254);
    let people = person_pool(&mut rng, 3000);
    let mut out = String::from(
        "[summit]\nid = \"huge-participants\"\ntitle = \"A summit everyone attended\"\ndate = 2031-06-01\nlocation = \"Kenyatta International Convention Centre, Nairobi\"\nstatus = \"scheduled\"\n",
    );
    let sources = 8;
    for _ in 0..count {
        let person = &people[rng.range(0, people.len() - 1)];
        write_participant(&mut out, &mut rng, person, sources);
    }
    write_sources(&mut out, &mut rng, sources, 2030);
    ("huge-participants.toml".to_owned(), out)
}

/// Writes files into `dir`, creating it if needed. Returns the total bytes written.
pub fn write_all(dir: &Path, files: &[(String, String)]) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    let mut total = 0;
    for (name, text) in files {
        std::fs::write(dir.join(name), text)?;
        total += text.len();
    }
    Ok(total)
}

struct Args {
    count: usize,
    seed: u64,
    out: PathBuf,
    huge_pane_bytes: Option<usize>,
    huge_participants: Option<usize>,
}

const USAGE: &str = "usage: gen_corpus --count N [--seed S] --out DIR [--huge-pane-bytes B] [--huge-participants K]";

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        count: 0,
        seed: 1,
        out: PathBuf::new(),
        huge_pane_bytes: None,
        huge_participants: None,
    };
    let mut iter = std::env::args().skip(1);
    while let Some(flag) = iter.next() {
        if flag == "--help" || flag == "-h" {
            return Err(USAGE.to_owned());
        }
        let value = iter
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        let number = || {
            value
                .replace('_', "")
                .parse::<usize>()
                .map_err(|e| format!("{flag} {value}: {e}"))
        };
        match flag.as_str() {
            "--count" => args.count = number()?,
            "--seed" => args.seed = number()? as u64,
            "--out" => args.out = PathBuf::from(&value),
            "--huge-pane-bytes" => args.huge_pane_bytes = Some(number()?),
            "--huge-participants" => args.huge_participants = Some(number()?),
            _ => return Err(format!("unknown option {flag}\n{USAGE}")),
        }
    }
    if args.out.as_os_str().is_empty() {
        return Err(format!("--out is required\n{USAGE}"));
    }
    Ok(args)
}

#[allow(dead_code)] // Unused when the benchmarks include this file as a module.
fn main() -> std::process::ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return std::process::ExitCode::from(2);
        }
    };
    let mut files = generate(args.count, args.seed);
    if let Some(bytes) = args.huge_pane_bytes {
        let links: Vec<String> = files
            .iter()
            .map(|(name, _)| name.trim_end_matches(".toml").to_owned())
            .collect();
        files.push(huge_pane(bytes, args.seed, &links));
    }
    if let Some(count) = args.huge_participants {
        files.push(huge_participants(count, args.seed));
    }
    match write_all(&args.out, &files) {
        Ok(total) => {
            eprintln!(
                "wrote {} briefings ({}.{} MB) to {}",
                files.len(),
                total / 1_000_000,
                total % 1_000_000 / 100_000,
                args.out.display()
            );
            std::process::ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("cannot write to {}: {err}", args.out.display());
            std::process::ExitCode::from(1)
        }
    }
}
