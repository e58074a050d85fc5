import Foundation

/// A stage of Talento Humano's plan de trabajo of the system (seed 001, activity 3): its window.
public struct EtapaPlan: Hashable, Sendable, Codable {
    public var codigo: String
    public var nombre: String
    public var inicio: MesDia
    public var fin: MesDia

    public init(codigo: String, nombre: String, inicio: MesDia, fin: MesDia) {
        self.codigo = codigo
        self.nombre = nombre
        self.inicio = inicio
        self.fin = fin
    }
}

/// An entity's Evaluación de la Gestión Institucional: the shared definition plus what is its own —
/// the stages of the yearly plan de trabajo, the time a servant who arrives has to formulate, and
/// the score below which a formato de mejoramiento individual is required.
public struct DefinicionGI: Hashable, Sendable, Codable {
    public var base: DefinicionInstrumento
    /// The yearly plan's template; Talento Humano adjusts the dates of each vigencia.
    public var etapas: [EtapaPlan]
    /// Días hábiles from posesión for a servant who joins during the vigencia (activity 4 "cuando ingrese").
    public var diasFormulacionAlIngresar: Int
    /// Results below this call for a formato de mejoramiento individual (activity 18).
    public var umbralMejoramiento: Puntaje

    public init(base: DefinicionInstrumento, etapas: [EtapaPlan], diasFormulacionAlIngresar: Int, umbralMejoramiento: Puntaje) {
        self.base = base
        self.etapas = etapas
        self.diasFormulacionAlIngresar = diasFormulacionAlIngresar
        self.umbralMejoramiento = umbralMejoramiento
    }

    public static let etapaFormulacion = "formulacion"
    public static let etapaSeguimiento1 = "seguimiento_1"
    public static let etapaSeguimiento2 = "seguimiento_2"

    public var metas: Componente { base.componente("metas") ?? Componente(codigo: "metas", nombre: "Metas y objetivos", peso: 100, cantidad: Rango(1, 10)) }
    public var comportamentales: Componente? { base.componente("comportamentales") }

    public func etapa(_ codigo: String) -> EtapaPlan? { etapas.first { $0.codigo == codigo } }

    /// The plan de trabajo of the vigencia `anio`: each stage's dates.
    public func plan(anio: Int) -> [(etapa: EtapaPlan, periodo: Periodo)] {
        etapas.compactMap { e in
            guard let i = e.inicio.fecha(anio: anio), let f = e.fin.fecha(anio: anio), let p = Periodo(inicio: i, fin: f) else { return nil }
            return (e, p)
        }
    }

    public func validar() -> [String: String] {
        var e = base.validar()
        if base.componente("metas") == nil { e["componentes"] = "El instrumento necesita el componente de metas y objetivos." }
        for codigo in [Self.etapaFormulacion, Self.etapaSeguimiento1, Self.etapaSeguimiento2] where etapa(codigo) == nil {
            e["etapas"] = "El plan de trabajo necesita las etapas de formulación y de los dos seguimientos."
        }
        if plan(anio: 2026).count != etapas.count { e["etapas"] = "Las fechas de una etapa del plan de trabajo no son válidas." }
        if diasFormulacionAlIngresar < 1 { e["diasFormulacionAlIngresar"] = "El plazo de formulación al ingresar debe ser positivo." }
        if umbralMejoramiento < .cero || umbralMejoramiento > .cien {
            e["umbralMejoramiento"] = "El umbral de mejoramiento va de 0,00 a 100,00."
        }
        for p in ["revision", "aceptacion"] where base.plazos[p] == nil {
            e["plazos"] = "Faltan los plazos de revisión del jefe y de aceptación del evaluado."
        }
        return e
    }
}

extension Escala {
    /// The Gestión Institucional preset [default: the entity sets its own escala de valoración].
    public static let gestionInstitucional = Escala(niveles: [
        NivelEscala(codigo: "insatisfactorio", nombre: "Insatisfactorio", desde: .cero, satisfactorio: false),
        NivelEscala(codigo: "aceptable", nombre: "Aceptable", desde: Puntaje(66), satisfactorio: true),
        NivelEscala(codigo: "satisfactorio", nombre: "Satisfactorio", desde: Puntaje(80), satisfactorio: true),
        NivelEscala(codigo: "sobresaliente", nombre: "Sobresaliente", desde: Puntaje(90), satisfactorio: true),
    ])
}

extension DefinicionGI {
    /// The preset Pacta ships (seed 001 on a calendar year). Every figure that the seed does not set
    /// is a default the entity edits: weights, scale, windows, plazos and threshold.
    public static let preset = DefinicionGI(
        base: DefinicionInstrumento(
            tipo: .gestionInstitucional,
            nombre: "Evaluación de la Gestión Institucional",
            descripcion: "Servidores provisionales y de libre nombramiento y remoción que no son gerentes públicos: vigencia anual con dos seguimientos.",
            vinculaciones: [.provisional, .libreNombramiento],
            componentes: [
                Componente(codigo: "metas", nombre: "Metas y objetivos", peso: 85, cantidad: Rango(1, 10)),
                Componente(codigo: "comportamentales", nombre: "Competencias comportamentales", peso: 15, cantidad: Rango(3, 5)),
            ],
            periodos: [PlantillaPeriodo(codigo: "anual", nombre: "Vigencia anual", tramos: [
                PlantillaTramo(nombre: "Primer seguimiento", inicio: MesDia(1, 1), fin: MesDia(6, 30)),
                PlantillaTramo(nombre: "Segundo seguimiento", inicio: MesDia(7, 1), fin: MesDia(12, 31)),
            ])],
            plazos: ["revision": .diasHabiles(5), "aceptacion": .diasHabiles(3), "mejoramiento": .diasHabiles(15)],
            escala: .gestionInstitucional,
            firmantes: ["jefe", "evaluado"],
            formatos: ["metas": "TH-F-GI-01", "seguimiento": "TH-F-GI-02", "resultado": "TH-F-GI-03", "mejoramiento": "TH-F-GI-04"]),
        etapas: [
            EtapaPlan(codigo: etapaFormulacion, nombre: "Formulación de metas y objetivos", inicio: MesDia(1, 15), fin: MesDia(3, 31)),
            EtapaPlan(codigo: etapaSeguimiento1, nombre: "Autoevaluación del primer seguimiento", inicio: MesDia(6, 1), fin: MesDia(7, 15)),
            EtapaPlan(codigo: etapaSeguimiento2, nombre: "Autoevaluación del segundo seguimiento",
                      inicio: MesDia(1, 2, anioSiguiente: true), fin: MesDia(2, 28, anioSiguiente: true)),
            EtapaPlan(codigo: "mejoramiento", nombre: "Formatos de mejoramiento individual",
                      inicio: MesDia(3, 1, anioSiguiente: true), fin: MesDia(6, 30, anioSiguiente: true)),
        ],
        diasFormulacionAlIngresar: 15,
        umbralMejoramiento: Puntaje(80))
}

/// The deadlines of one Gestión Institucional evaluation, from the vigencia's plan and the servant's posesión.
public struct TerminosGI: Sendable {
    public let definicion: DefinicionGI
    public let calendario: Calendario
    /// The vigencia's plan de trabajo: stage code → dates (Talento Humano may have moved them).
    public let plan: [String: Periodo]

    public init(definicion: DefinicionGI, calendario: Calendario, plan: [String: Periodo]) {
        self.definicion = definicion
        self.calendario = calendario
        self.plan = plan
    }

    /// Formulación: the plan's window, or `diasFormulacionAlIngresar` días hábiles from posesión for
    /// a servant who arrives after the window opened (whichever is later).
    public func formulacion(posesion: Fecha?) -> Fecha? {
        guard let etapa = plan[DefinicionGI.etapaFormulacion] else { return nil }
        guard let p = posesion, p > etapa.inicio else { return etapa.fin }
        return max(etapa.fin, calendario.sumarDiasHabiles(definicion.diasFormulacionAlIngresar, desde: p))
    }

    /// A self-assessment is sent from its window's first day on.
    public func verificarAutoevaluacion(seguimiento: Int, hoy: Fecha) throws(ErrorFlujoGI) {
        let codigo = seguimiento == 1 ? DefinicionGI.etapaSeguimiento1 : DefinicionGI.etapaSeguimiento2
        if let v = plan[codigo], hoy < v.inicio { throw .antesDeTiempo(accion: .enviarAutoevaluacion, desde: v.inicio) }
    }

    public func plazo(_ clave: String, desde: Fecha) -> Fecha? {
        definicion.base.vence(clave, desde: desde, calendario: calendario)
    }

    /// The evaluation as the shared engine sees it.
    public func foto(estado: EstadoGI, posesion: Fecha?, enviada: Fecha?, revisada: Fecha?) -> FotoDeEvaluacion<EstadoGI> {
        var f: [String: Fecha] = [:]
        f["vence_formulacion"] = formulacion(posesion: posesion)
        f["inicio_seguimiento_1"] = plan[DefinicionGI.etapaSeguimiento1]?.inicio
        f["fin_seguimiento_1"] = plan[DefinicionGI.etapaSeguimiento1]?.fin
        f["inicio_seguimiento_2"] = plan[DefinicionGI.etapaSeguimiento2]?.inicio
        f["fin_seguimiento_2"] = plan[DefinicionGI.etapaSeguimiento2]?.fin
        f["enviada"] = enviada
        f["revisada"] = revisada
        return FotoDeEvaluacion(estado: estado, fechas: f)
    }

    /// What is due on the evaluation as of `hoy`.
    public func pendientes(_ foto: FotoDeEvaluacion<EstadoGI>, hoy: Fecha) -> [Debido<RolGI>] {
        QueSeDebe.calcular(TareasGI.tabla, foto: foto, hoy: hoy) { plazo($0, desde: $1) }
    }

    /// Whether the evaluation is behind (the control point, activity 17): something due from it is past
    /// its deadline, or Talento Humano has been given its follow-up (which appears only then, without a date).
    public static func atrasada(_ debidos: [Debido<RolGI>], hoy: Fecha) -> Bool {
        debidos.contains { $0.vence.map { hoy > $0 } ?? ($0.rol == .talentoHumano) }
    }
}

public typealias ErrorFlujoGI = ErrorFlujo<EstadoGI, RolGI, AccionGI>
