// The default flow (flows/default.toml, English) as a SurveyJS 2.5 model, written by hand,
// rendered with survey-js-ui's vanilla renderer. One question per page like the widget; the
// branching is done with page visibleIf: when an answer leaves the ordinary route, every
// later page is hidden, so that page's button completes the survey and the matching
// completedHtmlOnCondition shows the outcome (title and summary; the advice blocks are not
// reproduced). Loaded by bench/surveyjs.html after survey-core and survey-js-ui.
/* global Survey, SurveyUI */

const ORDINARY = "{danger} = 'no' and {adult} = 'yes' and {illness} = 'no' and {emergency} = 'no'";

const outcome = (title, ...paragraphs) =>
  `<h3>${title}</h3>${paragraphs.map((p) => `<p>${p}</p>`).join('')}`;

export const json = {
  title: 'When someone you love turns down your help',
  description:
    'It hurts to watch someone you love struggle and hear “no” when you offer to help. ' +
    "Answer a few short questions, one at a time, and you'll get ideas that fit your situation.",
  locale: 'en',
  showQuestionNumbers: 'off',
  showProgressBar: true,
  progressBarType: 'pages',
  // Like the widget, which moves focus to the new question after Continue.
  autoFocusFirstQuestion: true,
  pageNextText: 'Continue',
  pagePrevText: 'Back',
  completeText: 'Continue',
  pages: [
    {
      name: 'p-danger',
      elements: [
        {
          type: 'radiogroup',
          name: 'danger',
          title: 'First: is your loved one in danger right now?',
          description:
            "If anyone is in immediate danger, call the emergency number now. You'll find it at the top of this screen.",
          isRequired: true,
          choices: [
            { value: 'harm-self', text: "Yes: they've talked about suicide or may harm themselves" },
            { value: 'harm-others', text: 'Yes: they may harm someone else' },
            { value: 'threat', text: "Yes: someone's safety is under threat right now" },
            { value: 'not-sure', text: "I'm not sure" },
            { value: 'no', text: 'No, no one is in danger' },
          ],
        },
      ],
    },
    {
      name: 'p-adult',
      visibleIf: "{danger} = 'no'",
      elements: [
        {
          type: 'radiogroup',
          name: 'adult',
          title: 'Is your loved one an adult?',
          isRequired: true,
          choices: [
            { value: 'yes', text: 'Yes' },
            { value: 'no', text: "No, they're under 18" },
          ],
        },
      ],
    },
    {
      name: 'p-illness',
      visibleIf: "{danger} = 'no' and {adult} = 'yes'",
      elements: [
        {
          type: 'radiogroup',
          name: 'illness',
          title: 'Is your loved one seriously ill, mentally or physically?',
          description: 'A mental illness counts just as much as a physical one.',
          isRequired: true,
          choices: [
            { value: 'yes', text: 'Yes' },
            { value: 'not-sure', text: "I'm not sure" },
            { value: 'no', text: 'No' },
          ],
        },
      ],
    },
    {
      name: 'p-emergency',
      visibleIf: "{danger} = 'no' and {adult} = 'yes' and {illness} = 'no'",
      elements: [
        {
          type: 'radiogroup',
          name: 'emergency',
          title: 'Is the problem itself an emergency?',
          description: "For example, their health, their housing or their safety can't wait.",
          isRequired: true,
          choices: [
            { value: 'yes', text: "Yes, it can't wait" },
            { value: 'no', text: "No, it's hard, but it's not urgent" },
          ],
        },
      ],
    },
    {
      name: 'p-feelings',
      visibleIf: ORDINARY,
      elements: [
        {
          type: 'checkbox',
          name: 'feelings',
          title: 'How are you feeling about it?',
          description: 'Choose all that apply. Each of these feelings is a normal response.',
          isRequired: true,
          choices: [
            { value: 'sad', text: 'Sad' },
            { value: 'confused', text: 'Confused' },
            { value: 'helpless', text: 'Helpless' },
            { value: 'frustrated', text: 'Frustrated' },
            { value: 'angry', text: 'Angry' },
          ],
          // The exclusive answer of default.toml.
          showNoneItem: true,
          noneText: "None of these / I'm mostly OK",
        },
      ],
    },
    {
      name: 'p-coping',
      visibleIf: ORDINARY,
      elements: [
        {
          type: 'radiogroup',
          name: 'coping',
          title: 'How have you been sleeping and eating lately?',
          isRequired: true,
          choices: [
            { value: 'well', text: 'Well' },
            { value: 'somewhat', text: 'A little off' },
            { value: 'badly', text: 'Poorly: sleepless nights, skipping meals or overeating' },
          ],
        },
      ],
    },
    {
      name: 'p-offers',
      visibleIf: ORDINARY,
      elements: [
        {
          type: 'radiogroup',
          name: 'offers',
          title: 'Do you keep renewing your offer, pleading or reminding them?',
          isRequired: true,
          choices: [
            { value: 'often', text: 'Yes, often' },
            { value: 'sometimes', text: 'Sometimes' },
            { value: 'stopped', text: "No: I said it once, or I've stopped" },
          ],
        },
      ],
    },
    {
      name: 'p-personal',
      visibleIf: ORDINARY,
      elements: [
        {
          type: 'radiogroup',
          name: 'personal',
          title: "Does their refusal feel like they're rejecting you?",
          isRequired: true,
          choices: [
            { value: 'yes', text: 'Yes' },
            { value: 'sometimes', text: 'Sometimes' },
            { value: 'no', text: 'No' },
          ],
        },
      ],
    },
    {
      name: 'p-reaction',
      visibleIf: ORDINARY,
      elements: [
        {
          type: 'radiogroup',
          name: 'reaction',
          title: 'How did they react when you offered help?',
          isRequired: true,
          choices: [
            { value: 'angry', text: 'They got angry or lashed out' },
            { value: 'withdrew', text: 'They went quiet or pulled away' },
            { value: 'declined', text: 'They said no calmly' },
            { value: 'other', text: "Something else, or I'm not sure" },
          ],
        },
      ],
    },
  ],
  // Outcomes, first match wins (the order of default.toml's routes).
  completedHtmlOnCondition: [
    {
      expression: "{danger} anyof ['harm-self', 'harm-others', 'threat'] or {emergency} = 'yes'",
      html: outcome('Get help now', "Call the emergency number or the crisis line now. Don't wait.",
        "You don't have to handle this alone. Help is there for both of you, right now."),
    },
    {
      expression: "{danger} = 'not-sure'",
      html: outcome('Take your worry seriously',
        'Not being sure is common, and your worry deserves attention. Look out for the warning signs below. If you notice any of them, call the crisis line or the emergency number now.',
        'Either way, contact a mental-health professional soon.'),
    },
    {
      expression: "{adult} = 'no'",
      html: outcome('You can act, even if they say no',
        'With someone under 18, things are different. As their parent or guardian, you are responsible for their care, and you can get help even if they refuse. Talk soon to their doctor or to a mental-health professional who works with children and teens.',
        'If you are not their parent or guardian, tell one of them or another adult you trust.'),
    },
    {
      expression: "{illness} anyof ['yes', 'not-sure']",
      html: outcome('Bring in the professionals',
        "When someone is seriously ill, stepping back is not enough. Talk soon to their doctor, their care team or a mental-health professional. If you're not sure how ill they are, a professional can help you find out.",
        "You don't have to handle this on your own."),
    },
    {
      expression: "{coping} = 'badly' or {feelings} contains 'helpless' or ({feelings} contains 'sad' and {feelings} contains 'angry')",
      html: outcome("You're carrying a lot",
        'This sounds like an ordinary situation, not an emergency. But it is weighing on you, and that matters too. The ideas below can help, and talking to a therapist for yourself could make a real difference.',
        "If you ever start to worry about anyone's safety, use the numbers at the top of the screen."),
    },
  ],
  completedHtml: outcome('Look after yourself and your relationship',
    'This sounds like an ordinary situation, even if it is a painful one. When an adult turns down help, the kindest thing is often to step back, stay warm and look after yourself. Here are some ideas.',
    "If you ever start to worry about anyone's safety, use the numbers at the top of the screen."),
};

const survey = new Survey.Model(json);
SurveyUI.renderSurvey(survey, document.getElementById('survey'));
window.benchSurvey = survey;
