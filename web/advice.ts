import { caseDefinition } from '../aggregator/case-definitions.js';
import type { GuidanceInput, GuidanceOutcome } from '../aggregator/guidance.js';
import { currentLocale, type Locale } from './localization.js';

/** The self-guidance text of one outcome of the decision table, for one person's answers. */
export interface Advice {
  title: string;
  /** Why this advice, in one sentence. */
  summary: string;
  /** What to do now, in order. */
  steps: readonly string[];
}

const cli = caseDefinition('cli').matches;
const ili = caseDefinition('ili').matches;

/**
 * What the wording may depend on, beyond the outcome: the same outcome is reached from
 * different answers (a positive test, or symptoms that fit), and the text must not claim
 * an answer the person did not give.
 */
const ANSWERS = {
  fitsInfection: (a: GuidanceInput) => cli(a.symptoms) || ili(a.symptoms),
  symptoms: (a: GuidanceInput) => a.symptoms.length > 0,
  contact: (a: GuidanceInput) => a.contact === 'yes',
  contactUnknown: (a: GuidanceInput) => a.contact === 'unknown',
  notTested: (a: GuidanceInput) => a.test === 'not_tested',
  pending: (a: GuidanceInput) => a.test === 'pending',
  positive: (a: GuidanceInput) => a.test === 'positive',
  negative: (a: GuidanceInput) => a.test === 'negative',
} as const;
type Answer = keyof typeof ANSWERS;

/**
 * A sentence in every language, shown only when its answers were given (`if`) and not others
 * (`unless`): the condition is written once, for all the languages.
 */
export type Line = { if?: Answer; unless?: Answer } & Record<Locale, string>;

/** An outcome's text: the first title and summary whose condition holds, and every step whose condition holds. */
export interface AdviceText {
  title: readonly Line[];
  summary: readonly Line[];
  steps: readonly Line[];
}

/** Every outcome, in every language: a new outcome or language without its advice is a compile error. */
export const ADVICE: Record<GuidanceOutcome, AdviceText> = {
  emergency: {
    title: [{ sl: 'Pokličite 112 zdaj', en: 'Call 112 now' }],
    summary: [
      {
        sl: 'Označili ste znak, ki lahko pomeni resno bolezen. Takoj pokličite 112 ali prosite nekoga, da pokliče namesto vas.',
        en: 'You ticked a sign that can mean serious illness. Call 112 now, or ask someone to call for you.',
      },
    ],
    steps: [
      { sl: 'Povejte, katere znake imate in kdaj so se začeli.', en: 'Say which signs you have and when they began.' },
      { sl: 'Ne vozite sami v bolnišnico.', en: 'Do not drive yourself to hospital.' },
      { sl: 'Če lahko, odklenite vrata in imejte telefon pri sebi.', en: 'If you can, unlock the door and keep your phone with you.' },
    ],
  },
  call_doctor: {
    title: [{ sl: 'Še danes pokličite svojega zdravnika', en: 'Call your doctor today' }],
    summary: [{ sl: 'Vaši odgovori kažejo večje tveganje za težji potek bolezni.', en: 'Your answers show a higher risk of severe illness.' }],
    steps: [
      {
        sl: 'Pokličite svojega izbranega zdravnika. Ne hodite v ambulanto, ne da bi prej poklicali.',
        en: 'Phone your family doctor. Do not go to the practice without calling first.',
      },
      {
        sl: 'Do pogovora z zdravnikom ostanite doma in se izogibajte stikom z drugimi.',
        en: 'Until you have spoken to a doctor, stay at home and avoid contact with others.',
      },
      { sl: 'Zunaj ordinacijskega časa pokličite dežurno zdravniško službo.', en: 'Outside surgery hours, call the out-of-hours medical service.' },
    ],
  },
  isolate_and_test: {
    title: [
      { if: 'notTested', sl: 'Ostanite doma in se testirajte', en: 'Stay at home and get tested' },
      { if: 'pending', sl: 'Ostanite doma in počakajte na izid testa', en: 'Stay at home and wait for your test result' },
      { sl: 'Ostanite doma in se izogibajte stikom', en: 'Stay at home and avoid contact' },
    ],
    summary: [
      { if: 'positive', unless: 'fitsInfection', sl: 'Vaš test je pozitiven.', en: 'Your test is positive.' },
      {
        if: 'positive',
        sl: 'Vaši simptomi ustrezajo okužbi, kot sta COVID-19 ali gripa, in vaš test je pozitiven.',
        en: 'Your symptoms fit an infection such as COVID-19 or flu, and your test is positive.',
      },
      { sl: 'Vaši simptomi ustrezajo okužbi, kot sta COVID-19 ali gripa.', en: 'Your symptoms fit an infection such as COVID-19 or flu.' },
    ],
    steps: [
      {
        sl: 'Ostanite doma in se izogibajte stikom z drugimi, zlasti s starejšimi in kronično bolnimi.',
        en: 'Stay at home and avoid contact with others, especially older and chronically ill people.',
      },
      { if: 'notTested', sl: 'Pokličite svojega izbranega zdravnika in se dogovorite za test.', en: 'Phone your family doctor to arrange a test.' },
      {
        if: 'pending',
        sl: 'Do izida testa ostanite doma in nato upoštevajte, kar vam svetujejo ob izidu.',
        en: 'Stay at home until you have the result, then follow the advice that comes with it.',
      },
      {
        if: 'negative',
        sl: 'Negativen test okužbe ne izključi vedno. Ostanite doma, dokler simptomi ne minejo.',
        en: 'A negative test does not always rule out an infection. Stay at home until your symptoms are gone.',
      },
      {
        if: 'positive',
        sl: 'Upoštevajte navodila za osebe s pozitivnim testom, ki jih objavljajo zdravstvene oblasti.',
        en: 'Follow the instructions for people with a positive test published by the public health authorities.',
      },
      {
        sl: 'Če morate biti v bližini drugih, nosite masko in pogosto zračite prostor.',
        en: 'If you must be near others, wear a mask and air the room often.',
      },
      { if: 'symptoms', sl: 'Počivajte in pijte dovolj tekočine.', en: 'Rest and drink plenty of fluids.' },
    ],
  },
  stay_home_and_monitor: {
    title: [{ sl: 'Ostanite doma in spremljajte simptome', en: 'Stay at home and watch your symptoms' }],
    summary: [
      {
        if: 'contact',
        sl: 'Imate simptome in bili ste v tesnem stiku z nekom, ki ima potrjeno okužbo.',
        en: 'You have symptoms, and you were in close contact with someone with a confirmed infection.',
      },
      { sl: 'Imate simptome, ki ne kažejo na večje tveganje.', en: 'You have symptoms that do not point to a higher risk.' },
    ],
    steps: [
      {
        sl: 'Ostanite doma, dokler se ne počutite bolje, in omejite stike z drugimi.',
        en: 'Stay at home until you feel better, and limit contact with others.',
      },
      {
        if: 'contact',
        unless: 'negative',
        sl: 'Ker ste bili v stiku s potrjeno okužbo, pokličite svojega zdravnika in ga vprašajte, ali se testirate.',
        en: 'Because of the contact with a confirmed infection, phone your doctor and ask whether you should be tested.',
      },
      { if: 'pending', sl: 'Do izida testa ostanite doma.', en: 'Stay at home until you have your test result.' },
      { sl: 'Počivajte in pijte dovolj tekočine.', en: 'Rest and drink plenty of fluids.' },
      {
        sl: 'Pokličite svojega zdravnika, če se simptomi poslabšajo ali trajajo več kot 7 dni.',
        en: 'Call your doctor if your symptoms get worse or last more than 7 days.',
      },
    ],
  },
  quarantine_after_contact: {
    title: [{ sl: 'Po stiku bodite previdni in spremljajte svoje zdravje', en: 'After the contact, take care and watch your health' }],
    summary: [
      {
        sl: 'Nimate simptomov, vendar ste bili v tesnem stiku z nekom, ki ima potrjeno okužbo.',
        en: 'You have no symptoms, but you were in close contact with someone with a confirmed infection.',
      },
    ],
    steps: [
      {
        sl: 'Do 14 dni po stiku čim bolj omejite stike z drugimi, zlasti s starejšimi in kronično bolnimi.',
        en: 'For up to 14 days after the contact, keep contact with others to a minimum, especially with older and chronically ill people.',
      },
      {
        sl: 'Upoštevajte navodila za osebe v stiku, ki jih objavljajo zdravstvene oblasti.',
        en: 'Follow the instructions for contacts published by the public health authorities.',
      },
      { if: 'pending', sl: 'Do izida testa ostanite doma.', en: 'Stay at home until you have your test result.' },
      {
        if: 'negative',
        sl: 'Negativen test kmalu po stiku okužbe ne izključi: še naprej spremljajte svoje zdravje.',
        en: 'A negative test soon after a contact does not rule out an infection: keep watching your health.',
      },
      { sl: 'Če se pojavijo simptomi, ostanite doma in vprašalnik izpolnite znova.', en: 'If symptoms appear, stay at home and fill in this form again.' },
    ],
  },
  no_symptoms: {
    title: [{ sl: 'Ni znakov bolezni', en: 'No signs of illness' }],
    summary: [
      {
        if: 'contactUnknown',
        sl: 'Nimate simptomov in ne veste za stik z okužbo.',
        en: 'You have no symptoms, and you do not know of any contact with an infection.',
      },
      { sl: 'Nimate simptomov in niste bili v znanem stiku z okužbo.', en: 'You have no symptoms and no known contact with an infection.' },
    ],
    steps: [
      {
        if: 'pending',
        sl: 'Počakajte na izid testa in upoštevajte, kar vam svetujejo ob izidu.',
        en: 'Wait for your test result, and follow the advice that comes with it.',
      },
      { sl: 'Redno si umivajte roke in zračite prostore.', en: 'Wash your hands often and air rooms.' },
      { sl: 'Če zbolite, ostanite doma in vprašalnik izpolnite znova.', en: 'If you fall ill, stay at home and fill in this form again.' },
    ],
  },
};

function applies(line: Line, answers: GuidanceInput): boolean {
  return (!line.if || ANSWERS[line.if](answers)) && (!line.unless || !ANSWERS[line.unless](answers));
}

function first(lines: readonly Line[], answers: GuidanceInput): Line {
  return lines.find((line) => applies(line, answers)) ?? lines.at(-1)!;
}

/** The advice for an outcome, worded for the answers that led to it, in one language. */
export function adviceText(locale: Locale, outcome: GuidanceOutcome, answers: GuidanceInput): Advice {
  const text = ADVICE[outcome];
  return {
    title: first(text.title, answers)[locale],
    summary: first(text.summary, answers)[locale],
    steps: text.steps.filter((line) => applies(line, answers)).map((line) => line[locale]),
  };
}

/** The advice in the current interface language. */
export function adviceFor(outcome: GuidanceOutcome, answers: GuidanceInput): Advice {
  return adviceText(currentLocale(), outcome, answers);
}
