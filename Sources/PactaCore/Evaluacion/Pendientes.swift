/// Something due from someone on an evaluation, with its deadline.
public struct Pendiente: Hashable, Sendable, Codable {
    public var rol: RolEDL
    public var tarea: String
    public var vence: Fecha?
    /// An evaluación parcial eventual: it is due from the evaluador in charge during its stretch
    /// (after a change of jefe, the one who leaves), not from the evaluation's current evaluador.
    public var esParcial: Bool

    public init(rol: RolEDL, tarea: String, vence: Fecha?, esParcial: Bool = false) {
        self.rol = rol
        self.tarea = tarea
        self.vence = vence
        self.esParcial = esParcial
    }
}

/// What an evaluation looks like for deciding what is due: its stage and its dates.
public struct FotoEvaluacion: Sendable {
    public var estado: EstadoEDL
    public var venceConcertacion: Fecha
    /// Ordinary stretches (semesters, the final one) not yet rated: name and last day.
    public var tramosPorCalificar: [(nombre: String, fin: Fecha)]
    /// Evaluaciones parciales eventuales opened and not yet rated.
    public var parcialesAbiertas: [(motivo: MotivoParcial, vence: Fecha)]
    public var calificada: Fecha?
    public var notificada: Fecha?
    public var recursoInterpuesto: Fecha?

    public init(estado: EstadoEDL, venceConcertacion: Fecha, tramosPorCalificar: [(nombre: String, fin: Fecha)] = [],
                parcialesAbiertas: [(motivo: MotivoParcial, vence: Fecha)] = [], calificada: Fecha? = nil,
                notificada: Fecha? = nil, recursoInterpuesto: Fecha? = nil) {
        self.estado = estado
        self.venceConcertacion = venceConcertacion
        self.tramosPorCalificar = tramosPorCalificar
        self.parcialesAbiertas = parcialesAbiertas
        self.calificada = calificada
        self.notificada = notificada
        self.recursoInterpuesto = recursoInterpuesto
    }
}

public enum Pendientes {
    /// Everything due on the evaluation as of `hoy`, for every role, soonest first.
    public static func calcular(_ f: FotoEvaluacion, terminos t: Terminos, hoy: Fecha) -> [Pendiente] {
        var r: [Pendiente] = []
        switch f.estado {
        case .porConcertar:
            r.append(Pendiente(rol: .evaluador, tarea: "Concertar los compromisos y enviarlos a firma", vence: f.venceConcertacion))
        case .porFirmar:
            r.append(Pendiente(rol: .evaluado, tarea: "Firmar los compromisos o devolverlos con observaciones", vence: f.venceConcertacion))
        case .enSeguimiento:
            for p in f.parcialesAbiertas {
                r.append(Pendiente(rol: .evaluador, tarea: "Evaluación parcial eventual: \(p.motivo.nombre.lowercased())", vence: p.vence, esParcial: true))
            }
            for tramo in f.tramosPorCalificar where tramo.fin <= hoy {
                let vence = t.calificacion(finTramo: tramo.fin)
                r.append(Pendiente(rol: .evaluador, tarea: "Calificar: \(tramo.nombre.lowercased())", vence: vence))
                if hoy > vence {
                    r.append(Pendiente(rol: .talentoHumano,
                                       tarea: "Aplicar el mínimo satisfactorio: \(tramo.nombre.lowercased()) sin calificar a tiempo", vence: nil))
                }
            }
        case .porAprobarComision:
            r.append(Pendiente(rol: .comision, tarea: "Aprobar o devolver la calificación", vence: nil))
        case .calificada:
            r.append(Pendiente(rol: .talentoHumano, tarea: "Notificar la calificación al evaluado",
                               vence: f.calificada.map { t.notificacion(calificada: $0) }))
        case .notificada:
            if let n = f.notificada {
                let vence = t.recursos(notificada: n)
                if hoy <= vence {
                    r.append(Pendiente(rol: .evaluado, tarea: "Puede interponer reposición o apelación", vence: vence))
                } else {
                    r.append(Pendiente(rol: .talentoHumano, tarea: "Declarar en firme (venció el término de recursos)", vence: nil))
                }
            }
        case .enReposicion:
            r.append(Pendiente(rol: .evaluador, tarea: "Resolver el recurso de reposición",
                               vence: f.recursoInterpuesto.map { t.resolucion(interpuesto: $0) }))
        case .enApelacion:
            r.append(Pendiente(rol: .superior, tarea: "Resolver el recurso de apelación",
                               vence: f.recursoInterpuesto.map { t.resolucion(interpuesto: $0) }))
        case .enFirme, .cerrada:
            break
        }
        return r.sorted { ($0.vence ?? Fecha(9999, 12, 31)) < ($1.vence ?? Fecha(9999, 12, 31)) }
    }
}
