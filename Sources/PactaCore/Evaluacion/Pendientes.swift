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

/// The EDL's table of what is due, for the shared `QueSeDebe`.
public enum TareasEDL {
    public typealias TareaEDL = Tarea<EstadoEDL, RolEDL>
    public static let tramos = "tramos"
    public static let parciales = "parciales"

    public static let tabla: [TareaEDL] = [
        TareaEDL(en: [.porConcertar], rol: .evaluador, "Concertar los compromisos y enviarlos a firma",
          vence: .el(.fecha("vence_concertacion"))),
        TareaEDL(en: [.porFirmar], rol: .evaluado, "Firmar los compromisos o devolverlos con observaciones",
          vence: .el(.fecha("vence_concertacion"))),
        TareaEDL(en: [.enSeguimiento], rol: .evaluador, "Evaluación parcial eventual: {nombre}", serie: parciales, vence: .el(.item)),
        TareaEDL(en: [.enSeguimiento], rol: .evaluador, "Calificar: {nombre}", serie: tramos,
          vence: .plazo("calificacion", desde: .item), cuando: [.llegada]),
        TareaEDL(en: [.enSeguimiento], rol: .talentoHumano, "Aplicar el mínimo satisfactorio: {nombre} sin calificar a tiempo",
          serie: tramos, vence: .plazo("calificacion", desde: .item), cuando: [.llegada, .vencido], muestraVence: false),
        TareaEDL(en: [.porAprobarComision], rol: .comision, "Aprobar o devolver la calificación"),
        TareaEDL(en: [.calificada], rol: .talentoHumano, "Notificar la calificación al evaluado",
          vence: .plazo("notificacion", desde: .fecha("calificada"))),
        TareaEDL(en: [.notificada], rol: .evaluado, "Puede interponer reposición o apelación",
          vence: .plazo("recursos", desde: .fecha("notificada")), cuando: [.enTermino]),
        TareaEDL(en: [.notificada], rol: .talentoHumano, "Declarar en firme (venció el término de recursos)",
          vence: .plazo("recursos", desde: .fecha("notificada")), cuando: [.vencido], muestraVence: false),
        TareaEDL(en: [.enReposicion], rol: .evaluador, "Resolver el recurso de reposición",
          vence: .plazo("resolucion_recurso", desde: .fecha("recurso_interpuesto"))),
        TareaEDL(en: [.enApelacion], rol: .superior, "Resolver el recurso de apelación",
          vence: .plazo("resolucion_recurso", desde: .fecha("recurso_interpuesto"))),
    ]
}

extension FotoEvaluacion {
    /// The same evaluation as the shared engine sees it.
    public var comoFoto: FotoDeEvaluacion<EstadoEDL> {
        var fechas: [String: Fecha] = ["vence_concertacion": venceConcertacion]
        fechas["calificada"] = calificada
        fechas["notificada"] = notificada
        fechas["recurso_interpuesto"] = recursoInterpuesto
        return FotoDeEvaluacion(estado: estado, fechas: fechas, series: [
            TareasEDL.parciales: parcialesAbiertas.map { .init(nombre: $0.motivo.nombre, fecha: $0.vence) },
            TareasEDL.tramos: tramosPorCalificar.map { .init(nombre: $0.nombre, fecha: $0.fin) },
        ])
    }
}

extension PlazosEDL {
    /// The plazos by the keys of the EDL's table of tasks.
    public func plazo(_ clave: String) -> Plazo? {
        switch clave {
        case "concertacion": concertacion
        case "fijacion": fijacionPorEvaluador
        case "calificacion": calificacion
        case "parcial": parcial
        case "notificacion": notificacion
        case "recursos": recursos
        case "resolucion_recurso": resolucionRecurso
        default: nil
        }
    }
}

public enum Pendientes {
    /// Everything due on the evaluation as of `hoy`, for every role, soonest first: the EDL's table
    /// through the shared engine.
    public static func calcular(_ f: FotoEvaluacion, terminos t: Terminos, hoy: Fecha) -> [Pendiente] {
        QueSeDebe.calcular(TareasEDL.tabla, foto: f.comoFoto, hoy: hoy) { clave, desde in
            t.definicion.plazos.plazo(clave)?.vence(desde: desde, calendario: t.calendario)
        }.map { Pendiente(rol: $0.rol, tarea: $0.tarea, vence: $0.vence, esParcial: $0.serie == TareasEDL.parciales) }
    }
}
