/// How a recurso against the definitive rating may be decided.
public enum DecisionRecurso: String, Hashable, Sendable, Codable, CaseIterable {
    case confirma, modifica, revoca

    public var nombre: String {
        switch self {
        case .confirma: "Confirma la calificación"
        case .modifica: "Modifica la calificación"
        case .revoca: "Revoca la calificación"
        }
    }
}

public enum DecisionDeRecursos {
    /// The score that results from deciding a recurso, or why the decision is refused (in Spanish).
    /// `confirma` keeps the score; `modifica` and `revoca` need a new one. Only the evaluado files
    /// recursos, so the decision cannot leave them worse off than the rating they contested
    /// (prohibición de la reformatio in pejus) [default: configurable entities may differ], and a
    /// "modifica" that keeps the same score is a "confirma".
    public static func resultado(_ decision: DecisionRecurso, anterior: Puntaje, nuevo: Puntaje?) -> Result<Puntaje, ErrorRecurso> {
        switch decision {
        case .confirma:
            return .success(anterior)
        case .modifica, .revoca:
            guard let nuevo else { return .failure(.faltaPuntaje) }
            if nuevo > .cien || nuevo < .cero { return .failure(.fueraDeRango) }
            if nuevo < anterior { return .failure(.desmejora(anterior: anterior)) }
            if nuevo == anterior && decision == .modifica { return .failure(.sinCambio) }
            return .success(nuevo)
        }
    }
}

public enum ErrorRecurso: Error, Hashable, Sendable {
    case faltaPuntaje, fueraDeRango, desmejora(anterior: Puntaje), sinCambio

    public var mensaje: String {
        switch self {
        case .faltaPuntaje: "Escriba el nuevo puntaje (0 a 100) que resulta de la decisión."
        case .fueraDeRango: "El nuevo puntaje va de 0 a 100."
        case .desmejora(let a):
            "La decisión de un recurso no puede desmejorar la calificación recurrida (\(a.texto)): el nuevo puntaje debe ser igual o mayor."
        case .sinCambio: "El nuevo puntaje es igual al recurrido: si la calificación no cambia, la decisión es «confirma»."
        }
    }
}
