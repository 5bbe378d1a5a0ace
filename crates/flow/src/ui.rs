//! The widget's own words (buttons, progress, errors) in each language it ships.

use crate::model::Urgency;

/// Words around the flow's content. Flows bring their own questions and advice.
#[derive(Clone, Debug)]
pub struct Ui {
    pub lang: &'static str,
    /// The language's own name, for the language switch.
    pub name: &'static str,
    /// Text direction: "ltr" or "rtl".
    pub dir: &'static str,
    pub language: &'static str,
    pub continue_: &'static str,
    pub back: &'static str,
    pub start_again: &'static str,
    pub change: &'static str,
    pub your_answers: &'static str,
    pub choose_one: &'static str,
    pub choose_some: &'static str,
    pub select_all: &'static str,
    pub error_prefix: &'static str,
    /// "Question {n} of about {m}".
    pub progress: fn(usize, usize) -> String,
    pub danger_lead: &'static str,
    pub call: &'static str,
    pub text: &'static str,
    pub call_or_text: &'static str,
    pub region: &'static str,
    pub leave: &'static str,
    pub leave_hint: &'static str,
    pub privacy: &'static str,
    pub result_for: &'static str,
    pub contacts_heading: &'static str,
    pub practice_lead: &'static str,
    pub print: &'static str,
    pub copy: &'static str,
    pub download: &'static str,
    /// The name of the downloaded text file.
    pub file_name: &'static str,
    pub broken_title: &'static str,
    pub broken_body: &'static str,
    pub broken_author: &'static str,
    /// The apology shown with the contacts when the widget crashes.
    pub crashed: &'static str,
    pub urgency_heading: fn(Urgency) -> &'static str,
    pub urgency_label: fn(Urgency) -> &'static str,
}

impl PartialEq for Ui {
    /// One `Ui` per language: the language identifies it.
    fn eq(&self, other: &Ui) -> bool {
        self.lang == other.lang
    }
}

impl Eq for Ui {}

pub const EN: Ui = Ui {
    lang: "en",
    name: "English",
    dir: "ltr",
    language: "Language",
    continue_: "Continue",
    back: "Back",
    start_again: "Start again",
    change: "Change",
    your_answers: "Your answers",
    choose_one: "Choose an answer to continue.",
    choose_some: "Choose at least one answer to continue.",
    select_all: "Select all that apply.",
    error_prefix: "Error:",
    progress: |n, m| format!("Question {n} of about {m}"),
    danger_lead: "If someone is in danger now:",
    call: "call",
    text: "text",
    call_or_text: "call or text",
    region: "Region",
    leave: "Leave this page quickly",
    leave_hint: "or press Shift three times",
    privacy: "Your answers stay on this device. Nothing is sent.",
    result_for: "Result",
    contacts_heading: "Contact help now",
    practice_lead: "To talk with us:",
    print: "Print or save as PDF",
    copy: "Copy advice",
    download: "Download as text",
    file_name: "self-check-advice.txt",
    broken_title: "This self-check cannot start",
    broken_body: "Something is wrong with how it was set up on this site. If someone is in danger now, use the numbers above.",
    broken_author: "Details for the site's author",
    crashed: "Sorry, this self-check stopped working. If someone is in danger now, call your local emergency number:",
    urgency_heading: |u| match u {
        Urgency::Emergency => "Get help now",
        Urgency::Urgent => "Talk to a professional soon",
        Urgency::Support => "Consider support when you are ready",
        Urgency::SelfCare => "Ways to look after yourself and your relationship",
    },
    urgency_label: |u| match u {
        Urgency::Emergency => "Emergency",
        Urgency::Urgent => "Urgent",
        Urgency::Support => "Support",
        Urgency::SelfCare => "Self-care",
    },
};

pub const ES: Ui = Ui {
    lang: "es",
    name: "Español",
    dir: "ltr",
    language: "Idioma",
    continue_: "Continuar",
    back: "Atrás",
    start_again: "Empezar de nuevo",
    change: "Cambiar",
    your_answers: "Tus respuestas",
    choose_one: "Elige una respuesta para continuar.",
    choose_some: "Elige al menos una respuesta para continuar.",
    select_all: "Marca todas las que correspondan.",
    error_prefix: "Error:",
    progress: |n, m| format!("Pregunta {n} de unas {m}"),
    danger_lead: "Si alguien corre peligro ahora:",
    call: "llama al",
    text: "escribe al",
    call_or_text: "llama o escribe al",
    region: "Región",
    leave: "Salir rápido de esta página",
    leave_hint: "o pulsa Mayús tres veces",
    privacy: "Tus respuestas se quedan en este dispositivo. No se envía nada.",
    result_for: "Resultado",
    contacts_heading: "A quién llamar ahora",
    practice_lead: "Para hablar con nosotros:",
    print: "Imprimir o guardar como PDF",
    copy: "Copiar los consejos",
    download: "Descargar como texto",
    file_name: "autoevaluacion-consejos.txt",
    broken_title: "Esta autoevaluación no puede empezar",
    broken_body: "Algo falla en cómo se configuró en este sitio. Si alguien corre peligro ahora, usa los números de arriba.",
    broken_author: "Detalles para quien administra el sitio",
    crashed: "Lo sentimos, esta autoevaluación dejó de funcionar. Si alguien corre peligro ahora, llama al número de emergencias:",
    urgency_heading: |u| match u {
        Urgency::Emergency => "Pide ayuda ahora",
        Urgency::Urgent => "Habla pronto con un profesional",
        Urgency::Support => "Piensa en buscar apoyo cuando estés listo",
        Urgency::SelfCare => "Formas de cuidarte a ti y a vuestra relación",
    },
    urgency_label: |u| match u {
        Urgency::Emergency => "Emergencia",
        Urgency::Urgent => "Urgente",
        Urgency::Support => "Apoyo",
        Urgency::SelfCare => "Autocuidado",
    },
};

/// Every language the widget speaks. Adding one is adding a table here (and its texts in
/// the flows and the crisis directory); nothing else changes.
pub const ALL: [&Ui; 2] = [&EN, &ES];

/// The words for a language code such as `es` or `es-MX`; English otherwise.
pub fn for_lang(code: &str) -> &'static Ui {
    let code = code.trim().to_ascii_lowercase();
    let base = code.split(['-', '_']).next().unwrap_or("");
    ALL.into_iter().find(|ui| ui.lang == base).unwrap_or(&EN)
}
