import Foundation

/// A form's state after a failed submission: which form it was, what the person typed and what was
/// wrong, so the page is drawn again with the messages beside the fields and the input kept.
struct EstadoFormulario: Encodable, Sendable {
    var formulario: String = ""
    var valores: [String: String] = [:]
    var errores: [String: String] = [:]
    var mensaje: String?
    var mensajes: [String] = []

    init() {}

    init(_ formulario: String, _ e: PactaError, valores: [String: String] = [:]) {
        self.formulario = formulario
        self.valores = valores
        errores = e.campos
        mensaje = e.mensaje
        mensajes = Array(Set(e.campos.values)).sorted()
        if mensajes.isEmpty { mensajes = [e.mensaje] }
    }

    /// The state of a page's only form of its kind, which needs no name.
    init(_ e: PactaError, valores: [String: String] = [:]) {
        self.init("", e, valores: valores)
    }

    /// This state if it belongs to `formulario`, else an empty one.
    func de(_ formulario: String) -> EstadoFormulario { self.formulario == formulario ? self : EstadoFormulario() }
}
