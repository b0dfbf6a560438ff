import { FIELDS, type FieldName } from '../aggregator/questionnaire.js';
import { currentLocale, type Locale } from './localization.js';

type Fields = typeof FIELDS;
type ValuesOf<F> = F extends { readonly values: readonly (infer V extends string)[] } ? V : never;

interface QuestionLabels {
  /** The question as the person reads it. */
  question: string;
  /** Help under the question, if any. */
  hint?: string;
  /** The inline error when the question is left unanswered. */
  required: string;
}

/**
 * The interface text of one questionnaire field: a label for every value it allows, and
 * for a set, the explicit "none of these" choice. Derived from FIELDS, so a value added
 * there without a label here in every language is a compile error.
 */
export type FieldLabels<F> = F extends { kind: 'choice' }
  ? QuestionLabels & { values: Record<ValuesOf<F>, string> }
  : F extends { kind: 'set' }
    ? QuestionLabels & { values: Record<ValuesOf<F>, string>; none: string }
    : F extends { kind: 'area' }
      ? QuestionLabels
      : { question: string; hint: string };

export type QuestionnaireLabels = { [K in FieldName]: FieldLabels<Fields[K]> };

export const LABELS: Record<Locale, QuestionnaireLabels> = {
  sl: {
    area: {
      question: 'V kateri občini živite?',
      hint: 'Vpišite nekaj črk imena in izberite občino s seznama. Potrebna je le za statistiko po občinah.',
      required: 'Izberite občino s seznama.',
    },
    ageBand: {
      question: 'Koliko ste stari?',
      required: 'Izberite starostno skupino.',
      values: {
        '0-14': '14 let ali manj',
        '15-24': '15 do 24 let',
        '25-34': '25 do 34 let',
        '35-44': '35 do 44 let',
        '45-54': '45 do 54 let',
        '55-64': '55 do 64 let',
        '65-74': '65 do 74 let',
        '75+': '75 let ali več',
      },
    },
    symptoms: {
      question: 'Katere od teh težav imate zdaj?',
      hint: 'Izberite vse, kar velja.',
      required: 'Izberite svoje težave ali »Nimam simptomov«.',
      none: 'Nimam simptomov',
      values: {
        fever: 'Vročina',
        cough: 'Kašelj',
        shortness_of_breath: 'Zadihanost (kratka sapa)',
        sore_throat: 'Boleče grlo',
        loss_of_smell_or_taste: 'Izguba vonja ali okusa',
        fatigue: 'Nenavadna utrujenost',
        muscle_aches: 'Bolečine v mišicah',
        headache: 'Glavobol',
        runny_nose: 'Izcedek iz nosu',
        nausea_or_diarrhoea: 'Slabost ali driska',
        chills: 'Mrzlica',
      },
    },
    warningSigns: {
      question: 'Ali imate zdaj katerega od teh nujnih znakov?',
      hint: 'Izberite vse, kar velja.',
      required: 'Izberite znake, ki jih imate, ali »Nimam nobenega od teh znakov«.',
      none: 'Nimam nobenega od teh znakov',
      values: {
        severe_breathing_difficulty: 'Hude težave z dihanjem',
        chest_pain: 'Bolečina ali pritisk v prsih',
        confusion: 'Nova zmedenost ali težko ostanete budni',
        bluish_lips_or_face: 'Modrikaste ustnice ali obraz',
      },
    },
    onset: {
      question: 'Kdaj se je začel prvi simptom?',
      required: 'Izberite, kdaj se je začel prvi simptom.',
      values: {
        today: 'Danes',
        '1-3d': 'Pred 1 do 3 dnevi',
        '4-7d': 'Pred 4 do 7 dnevi',
        '8-14d': 'Pred 8 do 14 dnevi',
        'over-14d': 'Pred več kot 14 dnevi',
      },
    },
    contact: {
      question: 'Ste bili v zadnjih 14 dneh v tesnem stiku z nekom, ki ima potrjeno okužbo?',
      hint: 'Tesen stik: isto gospodinjstvo ali več kot 15 minut na razdalji manj kot 2 metra.',
      required: 'Odgovorite, ali ste bili v tesnem stiku.',
      values: { yes: 'Da', no: 'Ne', unknown: 'Ne vem' },
    },
    test: {
      question: 'Ste opravili test na okužbo?',
      required: 'Odgovorite, ali ste opravili test.',
      values: {
        not_tested: 'Ne',
        pending: 'Da, čakam na izid',
        positive: 'Da, izid je pozitiven',
        negative: 'Da, izid je negativen',
      },
    },
    consent: {
      question: 'Strinjam se, da se moji odgovori pošljejo in prištejejo v statistiko, kot je opisano v obvestilu.',
      hint: 'Če polja ne označite, se nič ne pošlje. Nasvet zgoraj velja vseeno.',
    },
  },
  en: {
    area: {
      question: 'Which municipality do you live in?',
      hint: 'Type a few letters of its name and choose it from the list. It is needed only for the statistics by municipality.',
      required: 'Choose your municipality from the list.',
    },
    ageBand: {
      question: 'How old are you?',
      required: 'Choose your age group.',
      values: {
        '0-14': '14 or younger',
        '15-24': '15 to 24',
        '25-34': '25 to 34',
        '35-44': '35 to 44',
        '45-54': '45 to 54',
        '55-64': '55 to 64',
        '65-74': '65 to 74',
        '75+': '75 or older',
      },
    },
    symptoms: {
      question: 'Which of these do you have now?',
      hint: 'Choose all that apply.',
      required: 'Choose your symptoms, or “I have no symptoms”.',
      none: 'I have no symptoms',
      values: {
        fever: 'Fever',
        cough: 'Cough',
        shortness_of_breath: 'Shortness of breath',
        sore_throat: 'Sore throat',
        loss_of_smell_or_taste: 'Loss of smell or taste',
        fatigue: 'Unusual tiredness',
        muscle_aches: 'Muscle aches',
        headache: 'Headache',
        runny_nose: 'Runny nose',
        nausea_or_diarrhoea: 'Nausea or diarrhoea',
        chills: 'Chills',
      },
    },
    warningSigns: {
      question: 'Do you have any of these emergency signs now?',
      hint: 'Choose all that apply.',
      required: 'Choose the signs you have, or “I have none of these signs”.',
      none: 'I have none of these signs',
      values: {
        severe_breathing_difficulty: 'Severe difficulty breathing',
        chest_pain: 'Pain or pressure in the chest',
        confusion: 'New confusion, or hard to stay awake',
        bluish_lips_or_face: 'Bluish lips or face',
      },
    },
    onset: {
      question: 'When did your first symptom begin?',
      required: 'Choose when your first symptom began.',
      values: {
        today: 'Today',
        '1-3d': '1 to 3 days ago',
        '4-7d': '4 to 7 days ago',
        '8-14d': '8 to 14 days ago',
        'over-14d': 'More than 14 days ago',
      },
    },
    contact: {
      question: 'In the last 14 days, have you been in close contact with someone with a confirmed infection?',
      hint: 'Close contact: the same household, or more than 15 minutes less than 2 metres apart.',
      required: 'Answer whether you have been in close contact.',
      values: { yes: 'Yes', no: 'No', unknown: 'I don’t know' },
    },
    test: {
      question: 'Have you had a test for the infection?',
      required: 'Answer whether you have had a test.',
      values: {
        not_tested: 'No',
        pending: 'Yes, I am waiting for the result',
        positive: 'Yes, the result is positive',
        negative: 'Yes, the result is negative',
      },
    },
    consent: {
      question: 'I agree to send my answers to be added to the statistics, as described in the notice.',
      hint: 'If you leave it unticked, nothing is sent. The advice above applies either way.',
    },
  },
};

/** The questionnaire labels in the current interface language. */
export function labels(): QuestionnaireLabels {
  return LABELS[currentLocale()];
}
