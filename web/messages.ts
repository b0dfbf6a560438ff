import { msg, str, type StrResult } from '@lit/localize';

/** The words a message is filled with, by placeholder name. */
type Words<Name extends string> = Record<Name, string | number>;

/**
 * A message with placeholders: a `str` template of its words, so that lit-localize puts the
 * words where each language has them.
 */
export type Template<W> = (words: W) => StrResult;

/**
 * A message about a count, in each form a language gives a count (CLDR's plural categories, as
 * Intl.PluralRules names them); `n` is the count as written.
 */
type Forms<Category extends Intl.LDMLPluralRule, W> = Record<Category | 'other', Template<W & Words<'n'>>>;

/** Any message, of any language. */
export type Message = string | Template<never> | Partial<Record<Intl.LDMLPluralRule, Template<never>>>;

/** Slovenian writes a count in four forms: 1 poročilo, 2 poročili, 3 poročila, 5 poročil. */
const forms = <W = unknown>(written: Forms<'one' | 'two' | 'few', W>) => written;

/**
 * The interface text in Slovenian, the source locale. Every translation (locales/*.ts) is
 * typed by these ids and their placeholders, so a message missing from a language is a compile
 * error. Answer labels live in labels.ts, advice in advice.json.
 */
export const sl = {
  'app.name': 'Samoporočanje o simptomih',
  'app.topic': 'COVID-19 in druge akutne okužbe dihal',
  'locale.label': 'Jezik:',
  'demo.banner': 'Predstavitvena kopija, ki je ne upravlja zdravstveni organ.',
  'demo.synthetic': 'Vse številke so sintetični predstavitveni podatki: izmišljene so in ne izhajajo iz poročil ljudi.',
  'step.questions': 'Korak 1 od 2: vprašanja',
  'step.advice': 'Korak 2 od 2: nasvet',
  'notice.more': 'Preberite celotno obvestilo',
  'notice.page': 'Obvestilo na svoji strani (za tiskanje ali deljenje)',
  'questions.title': 'Vprašanja o vašem počutju',
  'questions.intro': 'Če odgovarjate za nekoga drugega, na primer za otroka, odgovarjajte zanj.',
  'questions.choiceGiven': 'Odločili ste se, da odgovore prištejete v statistiko. Poslani bodo šele, ko po nasvetu izberete »Pošlji odgovore«.',
  'questions.sent': 'Vaši odgovori so že odšli v statistiko ali so na poti. Če jih zdaj spremenite, se spremeni le nasvet.',
  'questions.changeChoice': 'Spremeni odločitev',
  'questions.errors': 'Odgovorite še na ta vprašanja:',
  'questions.showAdvice': 'Pokaži nasvet',
  'questions.or': 'ali',
  'error.prefix': 'Napaka:',
  'area.loading': 'Nalaganje seznama občin …',
  'area.loadFailed': 'Seznama občin ni bilo mogoče naložiti.',
  'area.retry': 'Poskusi znova',
  'area.results': (w: Words<'n'>) => str`Zadetki: ${w.n}`,
  'area.noResults': 'Nobena občina se ne ujema. Poskusite z manj črkami.',
  'emergency.check': 'Imate katerega?',
  'emergency.heading': 'Nujno: pokličite 112 zdaj',
  'emergency.text': 'Ta znak lahko pomeni resno bolezen. Pokličite 112 ali prosite nekoga, da pokliče namesto vas. Vprašalnika vam ni treba dokončati.',
  'emergency.call': 'Pokliči 112',
  'advice.next': 'Kaj storiti zdaj',
  'advice.when112': 'Kdaj poklicati 112',
  'advice.when112.text': 'Takoj pokličite 112, če se pojavi kateri od teh znakov:',
  'advice.notDiagnosis': 'Nasvet ni diagnoza. Če se počutite zelo slabo, pokličite svojega zdravnika ali 112, ne glede na nasvet.',
  'advice.dashboard': 'Poglejte, koliko ljudi poroča o simptomih v vaši regiji',
  'advice.changeAnswers': 'Spremeni odgovore',
  'advice.restart': 'Začni znova',
  'contribute.heading': 'Ali želite svoje odgovore prišteti v statistiko?',
  'contribute.text': 'Neobvezno. Tako pomagate spremljati, koliko ljudi ima simptome v vaši občini. Odgovori se prištejejo k števcem in zavržejo; poslanega poročila ni mogoče popraviti ali umakniti.',
  'contribute.send': 'Pošlji odgovore',
  'contribute.sending': 'Pošiljanje …',
  'contribute.retry': 'Poskusi znova',
  'contribute.counted': 'Vaši odgovori so prišteti v statistiko. Hvala. Poslanega poročila ni mogoče popraviti ali umakniti.',
  'contribute.alreadyCounted': 'Vaši odgovori so bili prišteti že ob prejšnjem poskusu, zato niso bili šteti še enkrat. Hvala.',
  'contribute.unknown': 'Še ne vemo, ali so odgovori prispeli: strežnik ni odgovoril v 15 sekundah ali pa se je povezava prekinila. Poskusite znova: če so že prišteti, jih strežnik ne bo štel še enkrat.',
  'contribute.unknownFinal': 'Ne vemo, ali so bili vaši odgovori prišteti, in tega ne moremo več preveriti. Da ne bi bili šteti dvakrat, jih ne pošljemo znova.',
  'contribute.closed': 'Zbiranje poročil je končano, zato odgovori niso bili poslani.',
  'contribute.limited': 'Iz vašega omrežja je bilo pravkar poslanih veliko poročil, zato vaših odgovorov nismo prešteli. Poskusite znova čez nekaj minut.',
  'contribute.unavailable': 'Strežnik odgovorov trenutno ne more sprejeti; nič ni bilo prišteto. Poskusite znova.',
  'contribute.offline': 'Povezava s strežnikom ni uspela; nič ni bilo poslano. Poskusite znova.',
  'contribute.invalid': 'Strežnik odgovorov ni sprejel; nič ni bilo prišteto.',
  'footer.emergency': 'V nujnem primeru pokličite',
  'footer.privacy': 'Varstvo podatkov',
  'footer.form': 'Vprašalnik',
  'privacy.title': 'Obvestilo o varstvu osebnih podatkov',
  'privacy.back': 'Na vprašalnik',
  // The dashboards (/dashboard).
  'dash.title': 'Nadzorna plošča',
  'dash.nav': 'Pogledi nadzorne plošče',
  'dash.tab.overview': 'Pregled',
  'dash.tab.regions': 'Regije',
  'dash.tab.municipalities': 'Občine',
  'dash.tab.policy': 'O podatkih',
  'dash.loading': 'Nalaganje podatkov …',
  'dash.loadFailed': 'Podatkov ni bilo mogoče naložiti. Poskusite znova čez nekaj trenutkov.',
  'dash.notFound': 'Tega območja ni',
  'dash.notFoundBack': 'Na pregled za vso državo',
  'dash.crumbs': 'Kje ste',
  'dash.level.country': 'Država',
  'dash.level.region': 'Statistična regija',
  'dash.level.municipality': 'Občina',
  'dash.fact.population': 'Prebivalcev:',
  'dash.ind.reports': 'Poročila',
  'dash.ind.symptomatic': 'S simptomi',
  'dash.ind.cli': 'Covidu podobna (CLI)',
  'dash.ind.ili': 'Gripi podobna (ILI)',
  'dash.ind.symptomatic.def': 'Poročila z vsaj enim simptomom.',
  'dash.ind.cli.def': 'Covidu podobna bolezen: vročina ter kašelj ali zadihanost.',
  'dash.ind.ili.def': 'Gripi podobna bolezen: vročina ter kašelj ali boleče grlo.',
  'dash.links.csv': 'Prenesi te podatke (CSV)',
  'dash.links.json': 'Isti podatki v JSON',
  'dash.links.dataPackage': 'Opis stolpcev (Data Package)',
  'dash.links.policy': 'Zakaj so nekatere številke skrite',
  'dash.series.title': 'Skozi čas',
  'dash.series.range': 'Obdobje',
  'dash.series.reports': 'Poročila na dan',
  'dash.series.indicator': 'Kazalnik',
  'dash.series.share': (w: Words<'indicator'>) => str`Delež poročil (${w.indicator}) s 95 % intervalom zaupanja`,
  'dash.series.keyShare': 'delež',
  'dash.series.keyInterval': '95 % interval zaupanja',
  'dash.series.keyGap': 'ni objavljeno',
  'dash.series.table': 'Podatki v tabeli',
  'dash.series.countSummary': (w: Words<'from' | 'last' | 'lastDay' | 'max' | 'maxDay' | 'min' | 'minDay' | 'to'>) => str`Od ${w.from} do ${w.to}: največ ${w.max} (${w.maxDay}), najmanj ${w.min} (${w.minDay}); zadnje objavljeno ${w.last} (${w.lastDay}).`,
  'dash.series.shareSummary': (w: Words<'from' | 'last' | 'lastDay' | 'max' | 'maxDay' | 'min' | 'minDay' | 'to'>) => str`Od ${w.from} do ${w.to}: najnižji delež ${w.min} (${w.minDay}), najvišji ${w.max} (${w.maxDay}), zadnji objavljeni ${w.last} (${w.lastDay}).`,
  'dash.series.single': (w: Words<'from' | 'last' | 'lastDay' | 'to'>) => str`Od ${w.from} do ${w.to} je objavljena ena sama vrednost: ${w.last} (${w.lastDay}).`,
  'dash.series.noData': (w: Words<'from' | 'to'>) => str`Od ${w.from} do ${w.to} ni objavljenih vrednosti.`,
  'dash.series.notPublished': 'ni objavljeno',
  'dash.col.day': 'Dan',
  'dash.col.reports': 'Poročila',
  'dash.col.count': 'Od tega',
  'dash.col.share': 'Delež (95 % IZ)',
  'dash.col.area': 'Območje',
  'dash.col.population': 'Prebivalci',
  'dash.col.age': 'Starost',
  'dash.ages.title': 'Po starosti',
  'dash.ages.share': 'Delež s simptomi',
  'dash.ages.note': (w: Words<'n'>) => str`Delež je prikazan za starostne skupine z vsaj ${w.n} poročili.`,
  'dash.bars.summary': (w: Words<'list'>) => str`Od največje do najmanjše vrednosti: ${w.list}.`,
  'dash.bars.none': 'Za to obdobje ni objavljenih vrednosti.',
  'dash.cmp.indicator': 'Kazalnik',
  'dash.cmp.measure': 'Prikaži',
  'dash.cmp.period': 'Obdobje',
  'dash.cmp.map': 'Zemljevid regij',
  'dash.cmp.chart': 'Primerjava',
  'dash.cmp.whiskers': 'Črtice kažejo 95 % interval zaupanja.',
  'dash.map.title': 'Zemljevid regij',
  'dash.map.legend': 'Legenda',
  'dash.map.missing': 'ni vrednosti',
  'dash.marker.belowMinimum': (w: Words<'n'>) => str`Manj kot ${w.n} poročil: objavimo le to`,
  'dash.marker.none': 'Ni podatka',
  'dash.period.yesterday': (w: Words<'day'>) => str`včeraj, ${w.day}`,
  'dash.period.week': (w: Words<'days' | 'week'>) => str`${w.week}. teden, ${w.days}`,
  'dash.regions.title': 'Regije',
  'dash.municipalities.title': 'Občine',
  'dash.region.municipalities': 'Občine v regiji',
  'dash.region.municipalitiesSub': 'Vse občine v regiji za izbrani dan ali teden.',
  'dash.table.search': 'Poišči občino',
  'dash.table.shown': (w: Words<'n' | 'total'>) => str`Prikazano: ${w.n} od ${w.total}`,
  'dash.table.noMatch': 'Nobena občina se ne ujema z iskanjem.',
  'dash.policy.title': 'Kako nastanejo številke',
  'dash.policy.markers': 'Kaj pomenijo oznake',
  'dash.policy.estimates': 'Ocene za vse prebivalce',
  'dash.policy.selfSelected': 'Poročajo ljudje, ki se za to odločijo sami, zato vzorec ni naključen: med njimi je lahko več ljudi s simptomi ali z dostopom do spleta kot med vsemi prebivalci. Interval zaupanja zajame le naključno napako, te pristranskosti pa ne. Ocene kažejo smer in razlike, niso pa število obolelih.',
  'dash.policy.indicators': 'Kazalniki',
  'dash.policy.data': 'Podatki za prenos',
  'dash.policy.dataPackage': 'opis podatkov (Data Package)',
  'dash.policy.dataText': 'Vsak pogled ima povezavo do svojih podatkov v CSV (UTF-8, ena vrednost na vrstico). Kaj pomeni vsak stolpec, pove',
  'dash.estimateNote': 'Ocene za vse prebivalce predpostavljajo, da so ljudje, ki poročajo, podobni vsem prebivalcem. Ker se za poročanje odločijo sami, to ni nujno res: ocene niso število obolelih.',
  'dash.links.policyShort': 'Kako nastanejo številke in kako so zaščitene',
  'dash.fresh.snapshot': 'Stanje podatkov:',
  'dash.fresh.today': (w: Words<'next' | 'published'>) => str`Današnje številke so začasne: objavljene ob ${w.published}, naslednje ob ${w.next}.`,
  'dash.fresh.todayLast': (w: Words<'published'>) => str`Današnje številke so začasne: objavljene ob ${w.published}, končne bodo, ko se dan konča.`,
  'dash.fresh.todayFirst': (w: Words<'next'>) => str`Današnje številke bodo prvič objavljene ob ${w.next}.`,
  'dash.fresh.updated': (w: Words<'time'>) => str`Številke so se posodobile ob ${w.time}.`,
  'dash.fig.reports': (w: Words<'period'>) => str`Poročila: ${w.period}`,
  'dash.fig.reportsEarlier': (w: Words<'period'>) => str`Teden prej, ${w.period}:`,
  'dash.fig.latestDay': 'Zadnji dan z objavljenimi številkami. Deleži spodaj veljajo zanj.',
  'dash.fig.latestWeek': 'Zadnji teden z objavljenimi številkami (občine so objavljene po tednih). Deleži spodaj veljajo zanj.',
  'dash.fig.today': 'Danes',
  'dash.fig.todayUntil': (w: Words<'time'>) => str`Danes do ${w.time}`,
  'dash.fig.todayNone': 'Za danes še ni objavljenih številk.',
  'dash.fig.todayPublished': (w: Words<'time'>) => str`Objavljeno ob ${w.time}.`,
  'dash.fig.todayNext': (w: Words<'time'>) => str`Naslednja objava ob ${w.time}.`,
  'dash.fig.todayNextClose': 'Končne številke, ko se dan konča.',
  'dash.fig.provisional': 'Začasno',
  'dash.fig.thisWeek': 'Ta teden',
  'dash.fig.thisWeekNote': (w: Words<'day'>) => str`Številke občin so objavljene po tednih, ko se teden konča: ta teden v ponedeljek, ${w.day}.`,
  'dash.fig.sharesTitle': (w: Words<'period'>) => str`Delež poročil: ${w.period}`,
  'dash.fig.sharesSub': 'Koliko od vseh, ki so poročali, je imelo ta znak: delež poročil, ne prebivalcev.',
  'dash.fig.interval': (w: Words<'range'>) => str`95 % interval zaupanja: ${w.range}`,
  'dash.fig.unreliable': 'Negotovo',
  'dash.fig.fromReports': forms({
    one: (w) => str`iz ${w.n} poročila`,
    two: (w) => str`iz ${w.n} poročil`,
    few: (w) => str`iz ${w.n} poročil`,
    other: (w) => str`iz ${w.n} poročil`,
  }),
  'dash.fig.fewReports': forms<Words<'min'>>({
    one: (w) => str`Delež se izračuna iz vsaj ${w.min} poročil; za to obdobje je objavljeno le ${w.n} poročilo.`,
    two: (w) => str`Delež se izračuna iz vsaj ${w.min} poročil; za to obdobje sta objavljeni le ${w.n} poročili.`,
    few: (w) => str`Delež se izračuna iz vsaj ${w.min} poročil; za to obdobje so objavljena le ${w.n} poročila.`,
    other: (w) => str`Delež se izračuna iz vsaj ${w.min} poročil; za to obdobje je objavljenih le ${w.n} poročil.`,
  }),
  'dash.trend.higher': (w: Words<'period' | 'share'>) => str`Višje kot teden prej, ko je bil delež ${w.share} (${w.period}).`,
  'dash.trend.lower': (w: Words<'period' | 'share'>) => str`Nižje kot teden prej, ko je bil delež ${w.share} (${w.period}).`,
  'dash.trend.similar': (w: Words<'period' | 'share'>) => str`Podobno kot teden prej, ko je bil delež ${w.share} (${w.period}).`,
  'dash.trend.none': (w: Words<'period'>) => str`Teden prej (${w.period}) ni deleža za primerjavo.`,
  'dash.est.title': (w: Words<'period'>) => str`Ocena za vse prebivalce: ${w.period}`,
  'dash.est.flag': 'Ocena, ne štetje',
  'dash.est.assumption': 'Delež poročil, prenesen na vse prebivalce območja. Drži le, če so ljudje, ki poročajo, podobni vsem prebivalcem; ker se za poročanje odločijo sami, to ni nujno res. To ni število obolelih.',
  'dash.est.rate': (w: Words<'range' | 'value'>) => str`Ocena: ${w.value} na 100.000 prebivalcev (95 % IZ ${w.range})`,
  'dash.est.people': forms<Words<'range'>>({
    one: (w) => str`Ocena: ${w.n} človek (95 % IZ ${w.range})`,
    two: (w) => str`Ocena: ${w.n} človeka (95 % IZ ${w.range})`,
    few: (w) => str`Ocena: ${w.n} ljudje (95 % IZ ${w.range})`,
    other: (w) => str`Ocena: ${w.n} ljudi (95 % IZ ${w.range})`,
  }),
  'dash.est.standardised': (w: Words<'range' | 'share'>) => str`Starostno standardiziran delež: ${w.share} (${w.range})`,
  'dash.n.reports': forms({
    one: (w) => str`${w.n} poročilo`,
    two: (w) => str`${w.n} poročili`,
    few: (w) => str`${w.n} poročila`,
    other: (w) => str`${w.n} poročil`,
  }),
  'dash.series.subDays': forms({
    one: () => str`Zadnji zaključeni dan.`,
    two: (w) => str`Zadnja ${w.n} zaključena dneva.`,
    few: (w) => str`Zadnji ${w.n} zaključeni dnevi.`,
    other: (w) => str`Zadnjih ${w.n} zaključenih dni.`,
  }),
  'dash.series.subWeeks': forms({
    one: () => str`Zadnji zaključeni teden.`,
    two: (w) => str`Zadnja ${w.n} zaključena tedna.`,
    few: (w) => str`Zadnji ${w.n} zaključeni tedni.`,
    other: (w) => str`Zadnjih ${w.n} zaključenih tednov.`,
  }),
  'dash.series.days': forms({
    one: (w) => str`${w.n} dan`,
    two: (w) => str`${w.n} dneva`,
    few: (w) => str`${w.n} dnevi`,
    other: (w) => str`${w.n} dni`,
  }),
  'dash.series.weeks': forms({
    one: (w) => str`${w.n} teden`,
    two: (w) => str`${w.n} tedna`,
    few: (w) => str`${w.n} tedni`,
    other: (w) => str`${w.n} tednov`,
  }),
  'dash.series.missingDays': forms({
    one: (w) => str`${w.n} dan brez objavljene vrednosti.`,
    two: (w) => str`${w.n} dneva brez objavljene vrednosti.`,
    few: (w) => str`${w.n} dnevi brez objavljene vrednosti.`,
    other: (w) => str`${w.n} dni brez objavljene vrednosti.`,
  }),
  'dash.series.missingWeeks': forms({
    one: (w) => str`${w.n} teden brez objavljene vrednosti.`,
    two: (w) => str`${w.n} tedna brez objavljene vrednosti.`,
    few: (w) => str`${w.n} tedni brez objavljene vrednosti.`,
    other: (w) => str`${w.n} tednov brez objavljene vrednosti.`,
  }),
  'dash.series.reportsWeekly': 'Poročila na teden',
  'dash.col.week': 'Teden',
  'dash.measure.reports': 'Število poročil',
  'dash.measure.reportsPer100k': 'Poročila na 100.000 prebivalcev',
  'dash.measure.share': 'Delež poročil',
  'dash.measure.estimatePer100k': 'Ocena: ljudje na 100.000 prebivalcev',
  'dash.measure.estimatePeople': 'Ocena: število ljudi',
  'dash.cmp.markers': (w: Words<'minReports' | 'projectionMin'>) => str`<${w.minReports}, le v stolpcih s številom poročil: manj kot ${w.minReports} poročil v obdobju, zato ni objavljeno nič drugega. –: ni vrednosti (za delež je potrebnih vsaj ${w.projectionMin} poročil).`,
  'dash.cmp.notAdditiveRegions': 'Vsaka številka je zaradi varstva zasebnosti rahlo spremenjena, vsaka zase, zato se regije ne seštejejo nujno natanko v številko za vso državo.',
  'dash.cmp.notAdditiveMunicipalities': 'Vsaka številka je zaradi varstva zasebnosti rahlo spremenjena, vsaka zase, zato se občine ne seštejejo nujno natanko v številko za regijo ali državo.',
  'dash.ages.caption': (w: Words<'period'>) => str`Poročila po starosti, ${w.period}`,
  'dash.ages.notAdditive': 'Številke so rahlo spremenjene, vsaka zase, zato se starostne skupine ne seštejejo nujno natanko v vsa poročila.',
  'dash.marker.fewReports': (w: Words<'n'>) => str`Ni deleža: potrebnih je vsaj ${w.n} poročil`,
  'dash.period.today': (w: Words<'day'>) => str`danes do zdaj (začasno), ${w.day}`,
  'dash.regions.sub': forms({
    one: (w) => str`${w.n} statistična regija, za izbrani dan ali teden.`,
    two: (w) => str`${w.n} statistični regiji, za izbrani dan ali teden.`,
    few: (w) => str`${w.n} statistične regije, za izbrani dan ali teden.`,
    other: (w) => str`Vseh ${w.n} statističnih regij, za izbrani dan ali teden.`,
  }),
  'dash.municipalities.sub': forms({
    one: (w) => str`${w.n} občina. Občine so objavljene po tednih, ko se teden konča.`,
    two: (w) => str`${w.n} občini. Občine so objavljene po tednih, ko se teden konča.`,
    few: (w) => str`${w.n} občine. Občine so objavljene po tednih, ko se teden konča.`,
    other: (w) => str`Vseh ${w.n} občin. Občine so objavljene po tednih, ko se teden konča.`,
  }),
  'dash.table.population': forms({
    one: (w) => str`${w.n} prebivalec`,
    two: (w) => str`${w.n} prebivalca`,
    few: (w) => str`${w.n} prebivalci`,
    other: (w) => str`${w.n} prebivalcev`,
  }),
  'dash.table.ofWhich': 'od tega',
  'dash.table.more': forms({
    one: (w) => str`Pokaži še ${w.n} vrstico`,
    two: (w) => str`Pokaži še ${w.n} vrstici`,
    few: (w) => str`Pokaži še ${w.n} vrstice`,
    other: (w) => str`Pokaži še ${w.n} vrstic`,
  }),
  'dash.table.region': 'Regija',
  'dash.table.allRegions': 'Vse regije',
  'dash.policy.intro': 'Vsako poročilo se ob prejemu prišteje k števcem po dnevih in občinah in nato zavrže: posameznih poročil ne hranimo. Objavljene številke so izračunane iz teh števcev tako, da nihče iz njih ne more razbrati, kaj je sporočil posameznik, tudi če jih sešteva, odšteva ali primerja med seboj.',
  'dash.policy.rules': 'Kako so številke zaščitene',
  'dash.policy.perturbed': (w: Words<'max'>) => str`Vsaka objavljena številka je rahlo spremenjena: od pravega števila se razlikuje za največ ${w.max}, v povprečju pa nič. Ista poročila dajo vedno isto številko, zato ponavljanje ali primerjanje poizvedb ne razkrije ničesar.`,
  'dash.policy.small': (w: Words<'emptyMax' | 'never' | 'smallest'>) => str`Majhne številke niso nikoli prikazane kot ${w.never}: objavljena številka je 0 ali vsaj ${w.smallest}. Tudi prazno celico lahko prikažemo s številom do ${w.emptyMax}.`,
  'dash.policy.totals': 'Vsote se ne ujemajo nujno z deli: država, regije in občine ter teden in njegovi dnevi so spremenjeni vsak zase, zato se regije ne seštejejo nujno natanko v številko za državo in dnevi ne v teden.',
  'dash.policy.belowMinimumRule': (w: Words<'n'>) => str`Pod ${w.n} poročili ni prikazano nič: če ima območje v obdobju manj kot ${w.n} poročil, objavimo le to (oznaka <${w.n}).`,
  'dash.policy.today': (w: Words<'first' | 'times'>) => str`Današnji dan je začasen: objavljen je le za državo in regije, ob ${w.times}, in se vmes ne spreminja; pred ${w.first} za danes ni številk. Ko se dan konča, ga nadomestijo končne številke.`,
  'dash.policy.todayClosed': 'Današnji dan ni objavljen: vsak dan je objavljen, ko se konča, za državo in regije.',
  'dash.policy.municipalities': 'Občine so objavljene le po tednih, ko se teden konča, in le za glavne kazalnike.',
  'dash.policy.snapshot': (w: Words<'time'>) => str`Številke se ne spremenijo ob vsakem poročilu, temveč z rednim posnetkom na nekaj minut; odprta stran jih posodobi sama. Zadnji posnetek: ${w.time}.`,
  'dash.policy.belowMinimum': (w: Words<'n'>) => str`Območje je v tem obdobju dobilo manj kot ${w.n} poročil. Objavimo le to, nobene druge številke. Oznaka stoji le v stolpcih s številom poročil.`,
  'dash.policy.dash': (w: Words<'minReports' | 'n'>) => str`Ni vrednosti: delež in ocena za vse prebivalce se izračunata le iz vsaj ${w.n} objavljenih poročil; območje z manj kot ${w.minReports} poročili nima nobene.`,
  'dash.policy.provisional': 'Današnje številke: veljajo do naslednje objave, ob koncu dneva pa jih nadomestijo končne.',
  'dash.policy.estimatesText': (w: Words<'n'>) => str`Ocena je delež poročil z določenim znakom, pomnožen s številom prebivalcev območja, s 95 % intervalom zaupanja (Wilsonovim), ki zajame tudi spremembo objavljenih številk. Izračuna se iz vsaj ${w.n} poročil; kjer je relativna standardna napaka 30 % ali več, je označena kot negotova. Za državo in regije prikazujemo tudi delež, standardiziran na starostno sestavo prebivalstva.`,
  'dash.series.weekOf': (w: Words<'day'>) => str`teden od ${w.day}`,
};

type Messages = typeof sl;
type IdsOf<Kind> = { [K in keyof Messages]: Messages[K] extends Kind ? K : never }[keyof Messages];
/** A message without placeholders. */
export type MessageId = IdsOf<string>;
/** A message with placeholders. */
export type TemplateId = IdsOf<Template<never>>;
/** A message about a count. */
export type PluralId = Exclude<keyof Messages, MessageId | TemplateId>;
/** What a message with placeholders is filled with. */
export type WordsOf<K extends TemplateId> = Messages[K] extends Template<infer W> ? W : never;
/** What a message about a count is filled with, besides the count. */
export type PluralWordsOf<K extends PluralId> = Messages[K] extends { other: Template<infer W> } ? Omit<W, 'n'> : never;

/** Another language's text for every message, with the same placeholders, and a count in the forms it has (`Category` and `other`). */
export type Translation<Category extends Intl.LDMLPluralRule> = {
  [K in keyof Messages]: Messages[K] extends string
    ? string
    : Messages[K] extends Template<infer W>
      ? Template<W>
      : Messages[K] extends { other: Template<infer W> }
        ? Record<Category | 'other', Template<W>>
        : never;
};

/** The message in the current interface language; a message with placeholders filled with its words. */
export function t(id: MessageId): string;
export function t<K extends TemplateId>(id: K, words: WordsOf<K>): string;
export function t(id: MessageId | TemplateId, words?: unknown): string {
  const message = sl[id];
  return typeof message === 'string' ? msg(message, { id }) : msg((message as Template<unknown>)(words), { id });
}

/**
 * The Slovenian form of a count that stands for a category of another language: the same
 * category (Slovenian has every one English has), else `other`.
 */
export function sourceForm(id: PluralId, category: Intl.LDMLPluralRule): Template<object> {
  const forms: Partial<Record<Intl.LDMLPluralRule, Template<never>>> = sl[id];
  return (forms[category] ?? forms.other!) as Template<object>;
}
