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

/** A sentence, shown only when its answers were given (`if`) and not others (`unless`). */
export interface Line {
  text: string;
  if?: Answer;
  unless?: Answer;
}

/** An outcome's text: the first title and summary whose condition holds, and every step whose condition holds. */
export interface AdviceText {
  title: readonly Line[];
  summary: readonly Line[];
  steps: readonly Line[];
}

/** Every outcome in every language: a new outcome without its advice is a compile error. */
export const ADVICE: Record<Locale, Record<GuidanceOutcome, AdviceText>> = {
  sl: {
    emergency: {
      title: [{ text: 'Pokličite 112 zdaj' }],
      summary: [{ text: 'Označili ste znak, ki lahko pomeni resno bolezen. Takoj pokličite 112 ali prosite nekoga, da pokliče namesto vas.' }],
      steps: [
        { text: 'Povejte, katere znake imate in kdaj so se začeli.' },
        { text: 'Ne vozite sami v bolnišnico.' },
        { text: 'Če lahko, odklenite vrata in imejte telefon pri sebi.' },
      ],
    },
    call_doctor: {
      title: [{ text: 'Še danes pokličite svojega zdravnika' }],
      summary: [{ text: 'Vaši odgovori kažejo večje tveganje za težji potek bolezni.' }],
      steps: [
        { text: 'Pokličite svojega izbranega zdravnika. Ne hodite v ambulanto, ne da bi prej poklicali.' },
        { text: 'Do pogovora z zdravnikom ostanite doma in se izogibajte stikom z drugimi.' },
        { text: 'Zunaj ordinacijskega časa pokličite dežurno zdravniško službo.' },
      ],
    },
    isolate_and_test: {
      title: [
        { if: 'notTested', text: 'Ostanite doma in se testirajte' },
        { if: 'pending', text: 'Ostanite doma in počakajte na izid testa' },
        { text: 'Ostanite doma in se izogibajte stikom' },
      ],
      summary: [
        { if: 'positive', unless: 'fitsInfection', text: 'Vaš test je pozitiven.' },
        { if: 'positive', text: 'Vaši simptomi ustrezajo okužbi, kot sta COVID-19 ali gripa, in vaš test je pozitiven.' },
        { text: 'Vaši simptomi ustrezajo okužbi, kot sta COVID-19 ali gripa.' },
      ],
      steps: [
        { text: 'Ostanite doma in se izogibajte stikom z drugimi, zlasti s starejšimi in kronično bolnimi.' },
        { if: 'notTested', text: 'Pokličite svojega izbranega zdravnika in se dogovorite za test.' },
        { if: 'pending', text: 'Do izida testa ostanite doma in nato upoštevajte, kar vam svetujejo ob izidu.' },
        { if: 'negative', text: 'Negativen test okužbe ne izključi vedno. Ostanite doma, dokler simptomi ne minejo.' },
        { if: 'positive', text: 'Upoštevajte navodila za osebe s pozitivnim testom, ki jih objavljajo zdravstvene oblasti.' },
        { text: 'Če morate biti v bližini drugih, nosite masko in pogosto zračite prostor.' },
        { if: 'symptoms', text: 'Počivajte in pijte dovolj tekočine.' },
      ],
    },
    stay_home_and_monitor: {
      title: [{ text: 'Ostanite doma in spremljajte simptome' }],
      summary: [
        { if: 'contact', text: 'Imate simptome in bili ste v tesnem stiku z nekom, ki ima potrjeno okužbo.' },
        { text: 'Imate simptome, ki ne kažejo na večje tveganje.' },
      ],
      steps: [
        { text: 'Ostanite doma, dokler se ne počutite bolje, in omejite stike z drugimi.' },
        { if: 'contact', unless: 'negative', text: 'Ker ste bili v stiku s potrjeno okužbo, pokličite svojega zdravnika in ga vprašajte, ali se testirate.' },
        { if: 'pending', text: 'Do izida testa ostanite doma.' },
        { text: 'Počivajte in pijte dovolj tekočine.' },
        { text: 'Pokličite svojega zdravnika, če se simptomi poslabšajo ali trajajo več kot 7 dni.' },
      ],
    },
    quarantine_after_contact: {
      title: [{ text: 'Po stiku bodite previdni in spremljajte svoje zdravje' }],
      summary: [{ text: 'Nimate simptomov, vendar ste bili v tesnem stiku z nekom, ki ima potrjeno okužbo.' }],
      steps: [
        { text: 'Do 14 dni po stiku čim bolj omejite stike z drugimi, zlasti s starejšimi in kronično bolnimi.' },
        { text: 'Upoštevajte navodila za osebe v stiku, ki jih objavljajo zdravstvene oblasti.' },
        { if: 'pending', text: 'Do izida testa ostanite doma.' },
        { if: 'negative', text: 'Negativen test kmalu po stiku okužbe ne izključi: še naprej spremljajte svoje zdravje.' },
        { text: 'Če se pojavijo simptomi, ostanite doma in vprašalnik izpolnite znova.' },
      ],
    },
    no_symptoms: {
      title: [{ text: 'Ni znakov bolezni' }],
      summary: [
        { if: 'contactUnknown', text: 'Nimate simptomov in ne veste za stik z okužbo.' },
        { text: 'Nimate simptomov in niste bili v znanem stiku z okužbo.' },
      ],
      steps: [
        { if: 'pending', text: 'Počakajte na izid testa in upoštevajte, kar vam svetujejo ob izidu.' },
        { text: 'Redno si umivajte roke in zračite prostore.' },
        { text: 'Če zbolite, ostanite doma in vprašalnik izpolnite znova.' },
      ],
    },
  },
  en: {
    emergency: {
      title: [{ text: 'Call 112 now' }],
      summary: [{ text: 'You ticked a sign that can mean serious illness. Call 112 now, or ask someone to call for you.' }],
      steps: [
        { text: 'Say which signs you have and when they began.' },
        { text: 'Do not drive yourself to hospital.' },
        { text: 'If you can, unlock the door and keep your phone with you.' },
      ],
    },
    call_doctor: {
      title: [{ text: 'Call your doctor today' }],
      summary: [{ text: 'Your answers show a higher risk of severe illness.' }],
      steps: [
        { text: 'Phone your family doctor. Do not go to the practice without calling first.' },
        { text: 'Until you have spoken to a doctor, stay at home and avoid contact with others.' },
        { text: 'Outside surgery hours, call the out-of-hours medical service.' },
      ],
    },
    isolate_and_test: {
      title: [
        { if: 'notTested', text: 'Stay at home and get tested' },
        { if: 'pending', text: 'Stay at home and wait for your test result' },
        { text: 'Stay at home and avoid contact' },
      ],
      summary: [
        { if: 'positive', unless: 'fitsInfection', text: 'Your test is positive.' },
        { if: 'positive', text: 'Your symptoms fit an infection such as COVID-19 or flu, and your test is positive.' },
        { text: 'Your symptoms fit an infection such as COVID-19 or flu.' },
      ],
      steps: [
        { text: 'Stay at home and avoid contact with others, especially older and chronically ill people.' },
        { if: 'notTested', text: 'Phone your family doctor to arrange a test.' },
        { if: 'pending', text: 'Stay at home until you have the result, then follow the advice that comes with it.' },
        { if: 'negative', text: 'A negative test does not always rule out an infection. Stay at home until your symptoms are gone.' },
        { if: 'positive', text: 'Follow the instructions for people with a positive test published by the public health authorities.' },
        { text: 'If you must be near others, wear a mask and air the room often.' },
        { if: 'symptoms', text: 'Rest and drink plenty of fluids.' },
      ],
    },
    stay_home_and_monitor: {
      title: [{ text: 'Stay at home and watch your symptoms' }],
      summary: [
        { if: 'contact', text: 'You have symptoms, and you were in close contact with someone with a confirmed infection.' },
        { text: 'You have symptoms that do not point to a higher risk.' },
      ],
      steps: [
        { text: 'Stay at home until you feel better, and limit contact with others.' },
        { if: 'contact', unless: 'negative', text: 'Because of the contact with a confirmed infection, phone your doctor and ask whether you should be tested.' },
        { if: 'pending', text: 'Stay at home until you have your test result.' },
        { text: 'Rest and drink plenty of fluids.' },
        { text: 'Call your doctor if your symptoms get worse or last more than 7 days.' },
      ],
    },
    quarantine_after_contact: {
      title: [{ text: 'After the contact, take care and watch your health' }],
      summary: [{ text: 'You have no symptoms, but you were in close contact with someone with a confirmed infection.' }],
      steps: [
        { text: 'For up to 14 days after the contact, keep contact with others to a minimum, especially with older and chronically ill people.' },
        { text: 'Follow the instructions for contacts published by the public health authorities.' },
        { if: 'pending', text: 'Stay at home until you have your test result.' },
        { if: 'negative', text: 'A negative test soon after a contact does not rule out an infection: keep watching your health.' },
        { text: 'If symptoms appear, stay at home and fill in this form again.' },
      ],
    },
    no_symptoms: {
      title: [{ text: 'No signs of illness' }],
      summary: [
        { if: 'contactUnknown', text: 'You have no symptoms, and you do not know of any contact with an infection.' },
        { text: 'You have no symptoms and no known contact with an infection.' },
      ],
      steps: [
        { if: 'pending', text: 'Wait for your test result, and follow the advice that comes with it.' },
        { text: 'Wash your hands often and air rooms.' },
        { text: 'If you fall ill, stay at home and fill in this form again.' },
      ],
    },
  },
};

function applies(line: Line, answers: GuidanceInput): boolean {
  return (!line.if || ANSWERS[line.if](answers)) && (!line.unless || !ANSWERS[line.unless](answers));
}

function first(lines: readonly Line[], answers: GuidanceInput): string {
  return (lines.find((line) => applies(line, answers)) ?? lines.at(-1)!).text;
}

/** The advice for an outcome, worded for the answers that led to it, in one language. */
export function adviceText(locale: Locale, outcome: GuidanceOutcome, answers: GuidanceInput): Advice {
  const text = ADVICE[locale][outcome];
  return {
    title: first(text.title, answers),
    summary: first(text.summary, answers),
    steps: text.steps.filter((line) => applies(line, answers)).map((line) => line.text),
  };
}

/** The advice in the current interface language. */
export function adviceFor(outcome: GuidanceOutcome, answers: GuidanceInput): Advice {
  return adviceText(currentLocale(), outcome, answers);
}
