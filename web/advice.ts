import type { GuidanceOutcome } from '../aggregator/guidance.js';
import { currentLocale, type Locale } from './localization.js';

/** The self-guidance text of one outcome of the decision table (aggregator/guidance.ts). */
export interface Advice {
  title: string;
  /** Why this advice, in one sentence. */
  summary: string;
  /** What to do now, in order. */
  steps: readonly string[];
}

/** Every outcome in every language: a new outcome without its advice is a compile error. */
export const ADVICE: Record<Locale, Record<GuidanceOutcome, Advice>> = {
  sl: {
    emergency: {
      title: 'Pokličite 112 zdaj',
      summary: 'Označili ste znak, ki lahko pomeni resno bolezen. Takoj pokličite 112 ali prosite nekoga, da pokliče namesto vas.',
      steps: [
        'Povejte, katere znake imate in kdaj so se začeli.',
        'Ne vozite sami v bolnišnico.',
        'Če lahko, odklenite vrata in imejte telefon pri sebi.',
      ],
    },
    call_doctor: {
      title: 'Še danes pokličite svojega zdravnika',
      summary: 'Vaši odgovori kažejo večje tveganje za težji potek bolezni.',
      steps: [
        'Pokličite svojega izbranega zdravnika. Ne hodite v ambulanto, ne da bi prej poklicali.',
        'Do pogovora z zdravnikom ostanite doma in se izogibajte stikom z drugimi.',
        'Zunaj ordinacijskega časa pokličite dežurno zdravniško službo.',
      ],
    },
    isolate_and_test: {
      title: 'Ostanite doma in se testirajte',
      summary: 'Vaši odgovori ustrezajo okužbi, kot sta COVID-19 ali gripa, ali pa imate pozitiven test.',
      steps: [
        'Ostanite doma in se izogibajte stikom z drugimi, zlasti s starejšimi in kronično bolnimi.',
        'Če testa še niste opravili, pokličite svojega izbranega zdravnika in se dogovorite zanj.',
        'Če morate biti v bližini drugih, nosite masko in pogosto zračite prostor.',
        'Počivajte in pijte dovolj tekočine.',
      ],
    },
    stay_home_and_monitor: {
      title: 'Ostanite doma in spremljajte simptome',
      summary: 'Imate simptome, ki ne kažejo na večje tveganje.',
      steps: [
        'Ostanite doma, dokler se ne počutite bolje, in omejite stike z drugimi.',
        'Počivajte in pijte dovolj tekočine.',
        'Pokličite svojega zdravnika, če se simptomi poslabšajo ali trajajo več kot 7 dni.',
      ],
    },
    quarantine_after_contact: {
      title: 'Po stiku bodite previdni in spremljajte svoje zdravje',
      summary: 'Nimate simptomov, vendar ste bili v tesnem stiku z nekom, ki ima potrjeno okužbo.',
      steps: [
        'Do 14 dni po stiku čim bolj omejite stike z drugimi, zlasti s starejšimi in kronično bolnimi.',
        'Upoštevajte navodila za osebe v stiku, ki jih objavljajo zdravstvene oblasti.',
        'Če se pojavijo simptomi, ostanite doma in vprašalnik izpolnite znova.',
      ],
    },
    no_symptoms: {
      title: 'Ni znakov bolezni',
      summary: 'Nimate simptomov in niste bili v znanem stiku z okužbo.',
      steps: [
        'Redno si umivajte roke in zračite prostore.',
        'Če zbolite, ostanite doma in vprašalnik izpolnite znova.',
      ],
    },
  },
  en: {
    emergency: {
      title: 'Call 112 now',
      summary: 'You ticked a sign that can mean serious illness. Call 112 now, or ask someone to call for you.',
      steps: [
        'Say which signs you have and when they began.',
        'Do not drive yourself to hospital.',
        'If you can, unlock the door and keep your phone with you.',
      ],
    },
    call_doctor: {
      title: 'Call your doctor today',
      summary: 'Your answers show a higher risk of severe illness.',
      steps: [
        'Phone your family doctor. Do not go to the practice without calling first.',
        'Until you have spoken to a doctor, stay at home and avoid contact with others.',
        'Outside surgery hours, call the out-of-hours medical service.',
      ],
    },
    isolate_and_test: {
      title: 'Stay at home and get tested',
      summary: 'Your answers fit an infection such as COVID-19 or flu, or you have a positive test.',
      steps: [
        'Stay at home and avoid contact with others, especially older and chronically ill people.',
        'If you have not had a test, phone your family doctor to arrange one.',
        'If you must be near others, wear a mask and air the room often.',
        'Rest and drink plenty of fluids.',
      ],
    },
    stay_home_and_monitor: {
      title: 'Stay at home and watch your symptoms',
      summary: 'You have symptoms that do not point to a higher risk.',
      steps: [
        'Stay at home until you feel better, and limit contact with others.',
        'Rest and drink plenty of fluids.',
        'Call your doctor if your symptoms get worse or last more than 7 days.',
      ],
    },
    quarantine_after_contact: {
      title: 'After the contact, take care and watch your health',
      summary: 'You have no symptoms, but you were in close contact with someone with a confirmed infection.',
      steps: [
        'For up to 14 days after the contact, keep contact with others to a minimum, especially with older and chronically ill people.',
        'Follow the instructions for contacts published by the public health authorities.',
        'If symptoms appear, stay at home and fill in this form again.',
      ],
    },
    no_symptoms: {
      title: 'No signs of illness',
      summary: 'You have no symptoms and no known contact with an infection.',
      steps: ['Wash your hands often and air rooms.', 'If you fall ill, stay at home and fill in this form again.'],
    },
  },
};

/** The advice for an outcome in the current interface language. */
export function adviceFor(outcome: GuidanceOutcome): Advice {
  return ADVICE[currentLocale()][outcome];
}
