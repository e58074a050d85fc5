import Fluent
import Foundation
import PactaCore
import SQLKit
import Vapor

// MARK: - What the reports answer (the API's JSON and the pages' data)

struct ConteoEstadoDTO: Content {
    let estado: String
    let nombre: String
    let evaluaciones: Int
    let porcentaje: Double
    let porcentajeTexto: String
}

/// One evaluation late at one step of the cycle, with the días hábiles past its deadline.
struct AtrasoEDLDTO: Content {
    let evaluacionId: UUID
    let servidor: String
    let documento: String
    let dependencia: String
    let paso: String
    let pasoNombre: String
    let detalle: String
    let responsable: String
    let responsableNombre: String
    let vence: String
    let venceTexto: String
    let diasHabiles: Int
}

struct ConteoPasoDTO: Content {
    let paso: String
    let nombre: String
    let evaluaciones: Int
}

struct NivelConteoDTO: Content {
    let codigo: String
    let nombre: String
    let desdeTexto: String
    let hastaTexto: String
    let satisfactorio: Bool
    let evaluaciones: Int
    let porcentaje: Double
    let porcentajeTexto: String
}

/// Rated evaluations of one dependencia, nivel jerárquico or vinculación.
struct ResultadoGrupoDTO: Content {
    let clave: String
    let nombre: String
    let calificadas: Int
    let promedio: Double?
    let promedioTexto: String?
    let satisfactorias: Int
    let noSatisfactorias: Int
    let porNivel: [NivelConteoDTO]
}

struct ReporteEDLDTO: Content {
    let periodo: PeriodoDTO
    let fechaCorte: String
    let fechaCorteTexto: String
    let total: Int
    let progreso: [ConteoEstadoDTO]
    let atrasos: [AtrasoEDLDTO]
    let atrasosPorPaso: [ConteoPasoDTO]
    let calificadas: Int
    let promedio: Double?
    let promedioTexto: String?
    let dependencias: [ResultadoGrupoDTO]
    let niveles: [ResultadoGrupoDTO]
    let vinculaciones: [ResultadoGrupoDTO]
    let distribucion: [NivelConteoDTO]
}

struct InsubsistenciaFilaDTO: Content {
    let evaluacionId: UUID
    let periodoId: UUID
    let periodo: String
    let servidor: String
    let documento: String
    let dependencia: String
    let nivel: String
    let vinculacion: String
    let evaluador: String
    let enPrueba: Bool
    let extraordinaria: Bool
    let estado: String
    let estadoNombre: String
    let puntaje: Double?
    let puntajeTexto: String?
    let nivelResultado: String?
    let satisfactoria: Bool?
    let calificada: String?
    let calificadaTexto: String?
    let notificada: String?
    let notificadaTexto: String?
    let enFirme: String?
    let enFirmeTexto: String?
    let consecuencia: String
}

struct InsubsistenciaDTO: Content {
    /// Evaluations en firme with a No satisfactoria rating: the declaratoria de insubsistencia (Ley 909 art. 43).
    let noSatisfactorias: [InsubsistenciaFilaDTO]
    /// Rated períodos de prueba and what follows each.
    let periodoDePrueba: [InsubsistenciaFilaDTO]
}

// MARK: - Queries

/// Talento Humano's reports of an EDL period. Every query is grouped in the database or reads
/// only the rows that matter (the late ones, the rated ones), so a period of 50 000 evaluations
/// is answered without loading them.
enum ReportesEDL {
    /// Stages whose rating is a result: rated by the evaluador (and the comisión, when required).
    static let estadosCalificados: [EstadoEDL] = [.calificada, .notificada, .enReposicion, .enApelacion, .enFirme]

    static func exigirPermiso(_ actor: Actor) throws {
        guard actor.puede(.gestionarEvaluaciones) || actor.puede(.verEvaluaciones) else {
            throw PactaError.prohibido("Los reportes de la evaluación del desempeño son de Talento Humano y Control Interno.")
        }
    }

    /// `n / total` in percent, two decimals.
    static func porcentaje(_ n: Int, de total: Int) -> Puntaje {
        total > 0 ? Puntaje(centesimas: Puntaje.redondear(n * 10_000, total)) : .cero
    }

    // MARK: Progress

    static func progreso(_ periodoID: UUID, on db: any Database) async throws -> [ConteoEstadoDTO] {
        let conteo = try await PeriodosEDLService.conteoPorEstado(periodoID, on: db)
        let total = conteo.values.reduce(0, +)
        return EstadoEDL.allCases.map { e in
            let n = conteo[e] ?? 0
            let p = porcentaje(n, de: total)
            return ConteoEstadoDTO(estado: e.rawValue, nombre: e.nombre, evaluaciones: n, porcentaje: p.valor, porcentajeTexto: p.texto)
        }
    }

    // MARK: Who is late

    enum Paso: String, CaseIterable {
        case concertacion, firma, parcial, calificacion, notificacion, firmeza, reposicion, apelacion

        var nombre: String {
            switch self {
            case .concertacion: "Concertación de compromisos"
            case .firma: "Firma de compromisos"
            case .parcial: "Evaluación parcial eventual"
            case .calificacion: "Calificación del semestre o del período"
            case .notificacion: "Notificación de la calificación"
            case .firmeza: "Declaratoria en firme (venció el término de recursos)"
            case .reposicion: "Resolución del recurso de reposición"
            case .apelacion: "Resolución del recurso de apelación"
            }
        }

        var responsable: RolEDL {
            switch self {
            case .concertacion, .parcial, .calificacion, .reposicion: .evaluador
            case .firma: .evaluado
            case .notificacion, .firmeza: .talentoHumano
            case .apelacion: .superior
            }
        }
    }

    /// A row of the late queries: the evaluation, its people and the date it is measured from.
    struct FilaAtraso: Decodable {
        let evaluacionId: UUID
        let documento: String
        let nombres: String
        let apellidos: String
        let dependencia: String?
        let responsableNombres: String?
        let responsableApellidos: String?
        let fecha: String?
        let motivo: String?
        let inicio: String?
        let fin: String?
        let enPrueba: Bool?
        let cubierto: String?
        let servidorId: UUID?

        enum CodingKeys: String, CodingKey {
            case evaluacionId = "evaluacion_id", servidorId = "servidor_id", documento, nombres, apellidos, dependencia
            case responsableNombres = "responsable_nombres", responsableApellidos = "responsable_apellidos"
            case fecha, motivo, inicio, fin, enPrueba = "en_prueba", cubierto
        }
    }

    /// Evaluations of the period with the evaluado, the dependencia and a responsible servant
    /// (joined on `responsable`, a servant id column, after the tables `unir` joins).
    static func baseAtrasos(_ sql: any SQLDatabase, periodoID: UUID, responsable: SQLColumn?,
                            unir: (SQLSelectBuilder) -> Void = { _ in }) -> SQLSelectBuilder {
        let q = sql.select()
            .column(SQLColumn("id", table: "e"), as: "evaluacion_id")
            .column(SQLColumn("documento", table: "s"), as: "documento")
            .column(SQLColumn("nombres", table: "s"), as: "nombres")
            .column(SQLColumn("apellidos", table: "s"), as: "apellidos")
            .column(SQLColumn("nombre", table: "d"), as: "dependencia")
            .from(SQLAlias(SQLIdentifier(EvaluacionEDL.schema), as: SQLIdentifier("e")))
            .join(SQLAlias(SQLIdentifier(Servidor.schema), as: SQLIdentifier("s")), method: SQLJoinMethod.inner,
                  on: SQLColumn("id", table: "s"), .equal, SQLColumn("servidor_id", table: "e"))
            .join(SQLAlias(SQLIdentifier(Dependencia.schema), as: SQLIdentifier("d")), method: SQLJoinMethod.left,
                  on: SQLColumn("id", table: "d"), .equal, SQLColumn("dependencia_id", table: "e"))
            .where(SQLColumn("periodo_id", table: "e"), .equal, SQLBind(periodoID))
        unir(q)
        if let responsable {
            q.column(SQLColumn("nombres", table: "r"), as: "responsable_nombres")
                .column(SQLColumn("apellidos", table: "r"), as: "responsable_apellidos")
                .join(SQLAlias(SQLIdentifier(Servidor.schema), as: SQLIdentifier("r")), method: SQLJoinMethod.left,
                      on: SQLColumn("id", table: "r"), .equal, responsable)
        }
        return q
    }

    /// Who is late, at which step, with the días hábiles past the deadline as of `hoy`:
    /// concertación (por concertar / por firmar past `vence_concertacion`), evaluaciones parciales
    /// eventuales still open past their deadline, ordinary stretches (semester, final stretch, período
    /// de prueba) not rated within the término, ratings not notified in time and recursos not
    /// resolved in time. Most late first.
    ///
    /// The ordinary stretch is located without the servant's separations from the post; a
    /// separation only shortens a stretch, so at worst a short stretch that will be rated with the
    /// next one is reported (it is rare, and the evaluation's page has the exact figure).
    static func atrasos(_ periodo: PeriodoEDL, terminos: Terminos, hoy: Fecha, on db: any Database) async throws -> [AtrasoEDLDTO] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let pid = periodo.id!
        let cal = terminos.calendario
        var r: [AtrasoEDLDTO] = []

        func nombre(_ n: String?, _ a: String?) -> String {
            [n, a].compactMap { $0 }.joined(separator: " ")
        }
        func agregar(_ f: FilaAtraso, _ paso: Paso, vence: Fecha, detalle: String, responsable: String? = nil) {
            r.append(AtrasoEDLDTO(
                evaluacionId: f.evaluacionId, servidor: "\(f.apellidos), \(f.nombres)", documento: f.documento,
                dependencia: f.dependencia ?? "—", paso: paso.rawValue, pasoNombre: paso.nombre, detalle: detalle,
                responsable: paso.responsable.nombre.prefix(1).uppercased() + paso.responsable.nombre.dropFirst(),
                responsableNombre: responsable ?? nombre(f.responsableNombres, f.responsableApellidos),
                vence: vence.iso, venceTexto: vence.texto, diasHabiles: cal.diasHabiles(desde: vence, hasta: hoy)))
        }

        // Concertación and signature.
        for estado in [EstadoEDL.porConcertar, .porFirmar] {
            let paso: Paso = estado == .porConcertar ? .concertacion : .firma
            let filas = try await baseAtrasos(sql, periodoID: pid,
                                              responsable: SQLColumn(estado == .porConcertar ? "evaluador_id" : "servidor_id", table: "e"))
                .column(SQLColumn("vence_concertacion", table: "e"), as: "fecha")
                .where(SQLColumn("estado", table: "e"), .equal, SQLBind(estado.rawValue))
                .where(SQLColumn("vence_concertacion", table: "e"), .lessThan, SQLBind(hoy.iso))
                .all(decoding: FilaAtraso.self)
            for f in filas {
                guard let vence = f.fecha.flatMap(Fecha.init(iso:)) else { continue }
                agregar(f, paso, vence: vence, detalle: estado.nombre,
                        responsable: paso == .concertacion && f.responsableNombres == nil ? "Sin evaluador asignado" : nil)
            }
        }

        // Evaluaciones parciales eventuales still open.
        let parciales = try await baseAtrasos(sql, periodoID: pid, responsable: SQLColumn("evaluador_id", table: "t")) {
            $0.join(SQLAlias(SQLIdentifier(TramoEDL.schema), as: SQLIdentifier("t")), method: SQLJoinMethod.inner,
                    on: SQLColumn("evaluacion_id", table: "t"), .equal, SQLColumn("id", table: "e"))
        }
            .column(SQLColumn("vence", table: "t"), as: "fecha")
            .column(SQLColumn("motivo", table: "t"), as: "motivo")
            .column(SQLColumn("desde", table: "t"), as: "inicio")
            .column(SQLColumn("hasta", table: "t"), as: "fin")
            .where(SQLColumn("estado", table: "t"), .equal, SQLBind(TramoEDL.Estado.abierto.rawValue))
            .where(SQLColumn("vence", table: "t"), .lessThan, SQLBind(hoy.iso))
            .where(SQLColumn("estado", table: "e"), .equal, SQLBind(EstadoEDL.enSeguimiento.rawValue))
            .all(decoding: FilaAtraso.self)
        for f in parciales {
            guard let vence = f.fecha.flatMap(Fecha.init(iso:)) else { continue }
            let motivo = f.motivo.flatMap(MotivoParcial.init(rawValue:))?.nombre ?? "Evaluación parcial"
            let lapso = [f.inicio, f.fin].compactMap { $0.flatMap(Fecha.init(iso:))?.texto }.joined(separator: " – ")
            agregar(f, .parcial, vence: vence, detalle: "\(motivo) (\(lapso))")
        }

        // Ordinary stretches not rated in time. The period's cuts whose término has passed; when
        // none has, only períodos de prueba (each with its own end) can be late.
        let definicion = terminos.definicion
        let cortesVencidos = (periodo.tramos.map(\.fin) + [periodo.periodo.fin])
            .filter { terminos.calificacion(finTramo: $0) < hoy }
        let q = baseAtrasos(sql, periodoID: pid, responsable: SQLColumn("evaluador_id", table: "e")) {
            $0.join(SQLAlias(SQLIdentifier(TramoEDL.schema), as: SQLIdentifier("t")), method: SQLJoinMethod.left,
                    on: SQLColumn("evaluacion_id", table: "t"), .equal, SQLColumn("id", table: "e"))
        }
            .column(SQLColumn("servidor_id", table: "e"), as: "servidor_id")
            .column(SQLColumn("inicio", table: "e"), as: "inicio")
            .column(SQLColumn("fin", table: "e"), as: "fin")
            .column(SQLColumn("en_prueba", table: "e"), as: "en_prueba")
            .column(SQLFunction("MAX", args: SQLColumn("hasta", table: "t")), as: "cubierto")
            .where(SQLColumn("estado", table: "e"), .equal, SQLBind(EstadoEDL.enSeguimiento.rawValue))
        if cortesVencidos.isEmpty { q.where(SQLColumn("fin", table: "e"), .lessThan, SQLBind(hoy.iso)) }
        for c in ["id", "servidor_id", "inicio", "fin", "en_prueba"] { q.groupBy(SQLColumn(c, table: "e")) }
        for c in ["documento", "nombres", "apellidos"] { q.groupBy(SQLColumn(c, table: "s")) }
        q.groupBy(SQLColumn("nombre", table: "d")).groupBy(SQLColumn("nombres", table: "r")).groupBy(SQLColumn("apellidos", table: "r"))
        // Only evaluations with no stretch reaching the last overdue cut (or períodos de prueba
        // already ended): the others have nothing overdue, and most of a period is rated on time.
        q.where(group: { w in
            if let ultimo = cortesVencidos.max() {
                let alcanzan = SQLSubquery.select { sub in
                    sub.column(SQLFunction("COUNT", args: SQLLiteral.all))
                        .from(SQLAlias(SQLIdentifier(TramoEDL.schema), as: SQLIdentifier("t2")))
                        .where(SQLColumn("evaluacion_id", table: "t2"), .equal, SQLColumn("id", table: "e"))
                        .where(SQLColumn("hasta", table: "t2"), .greaterThanOrEqual, SQLBind(ultimo.iso))
                }
                w.orWhere(alcanzan, .equal, SQLLiteral.numeric("0"))
            }
            return w.orWhere(SQLBinaryExpression(SQLBinaryExpression(SQLColumn("en_prueba", table: "e"), .equal, SQLBind(true)), .and,
                                                 SQLBinaryExpression(SQLColumn("fin", table: "e"), .lessThan, SQLBind(hoy.iso))))
        })

        /// The next ordinary stretch of a row and its deadline, as `TramosEDLService.siguienteOrdinario`
        /// finds it: stretches of `diasMinimosTramo` días laborados or fewer go with the next one.
        var venceCache: [Fecha: Fecha] = [:]
        func pendiente(_ f: FilaAtraso, separaciones: [Periodo]) -> (nombre: String, desde: Fecha, hasta: Fecha, vence: Fecha)? {
            guard let inicio = f.inicio.flatMap(Fecha.init(iso:)), let fin = f.fin.flatMap(Fecha.init(iso:)) else { return nil }
            let desde = max(f.cubierto.flatMap(Fecha.init(iso:)).map { $0.sumandoDias(1) } ?? inicio, inicio)
            guard desde <= fin else { return nil }
            let cortes: [(String, Fecha)] = f.enPrueba == true
                ? [("Período de prueba", fin)]
                : periodo.tramos.filter { $0.fin >= desde && $0.fin < fin }.map { ($0.nombre, $0.fin) } + [("Lapso final del período", fin)]
            guard let corte = cortes.first(where: { c in
                c.1 == fin || Periodo(inicio: desde, fin: c.1).map {
                    Consolidacion.diasLaborados($0, separaciones: separaciones, diasMinimos: definicion.diasMinimosTramo)
                } ?? 0 > definicion.diasMinimosTramo
            }) else { return nil }
            let vence = venceCache[corte.1] ?? terminos.calificacion(finTramo: corte.1)
            venceCache[corte.1] = vence
            return (corte.0, desde, corte.1, vence)
        }
        // Separations only move the cut later: rows not late without them are not late with them,
        // so the servants' separations are read only for the rows that may be late.
        let candidatas = try await q.all(decoding: FilaAtraso.self).filter { f in pendiente(f, separaciones: []).map { $0.vence < hoy } ?? false }
        var separaciones: [UUID: [Periodo]] = [:]
        let tipos = TipoSituacion.allCases.filter(\.esSeparacion)
        let servidores = Array(Set(candidatas.compactMap(\.servidorId)))
        for lote in stride(from: 0, to: servidores.count, by: 500) {
            let ids = Array(servidores[lote..<min(lote + 500, servidores.count)])
            for s in try await SituacionAdministrativa.query(on: db).filter(\.$servidor.$id ~~ ids).filter(\.$tipo ~~ tipos).all() {
                guard let i = Fecha(iso: s.fechaInicio), let f = s.fechaFin.flatMap(Fecha.init(iso:)), let p = Periodo(inicio: i, fin: f) else { continue }
                separaciones[s.$servidor.id, default: []].append(p)
            }
        }
        for f in candidatas {
            guard let p = pendiente(f, separaciones: f.servidorId.flatMap { separaciones[$0] } ?? []), p.vence < hoy else { continue }
            agregar(f, .calificacion, vence: p.vence, detalle: "\(p.nombre): \(p.desde.texto) – \(p.hasta.texto)")
        }

        // Ratings not notified in time (the término counts from the rating).
        venceCache = [:]
        let calificadas = try await baseAtrasos(sql, periodoID: pid, responsable: nil)
            .column(SQLColumn("calificada_el", table: "e"), as: "fecha")
            .where(SQLColumn("estado", table: "e"), .equal, SQLBind(EstadoEDL.calificada.rawValue))
            .where(SQLColumn("calificada_el", table: "e"), .lessThan, SQLBind(hoy.iso))
            .all(decoding: FilaAtraso.self)
        for f in calificadas {
            guard let calificada = f.fecha.flatMap(Fecha.init(iso:)) else { continue }
            let vence = venceCache[calificada] ?? terminos.notificacion(calificada: calificada)
            venceCache[calificada] = vence
            guard vence < hoy else { continue }
            agregar(f, .notificacion, vence: vence, detalle: "Calificada el \(calificada.texto)", responsable: "")
        }

        // Notified ratings whose término for recursos passed without any: Talento Humano declares them en firme.
        venceCache = [:]
        let notificadas = try await baseAtrasos(sql, periodoID: pid, responsable: nil)
            .column(SQLColumn("notificada_el", table: "e"), as: "fecha")
            .where(SQLColumn("estado", table: "e"), .equal, SQLBind(EstadoEDL.notificada.rawValue))
            .where(SQLColumn("notificada_el", table: "e"), .lessThan, SQLBind(hoy.iso))
            .all(decoding: FilaAtraso.self)
        for f in notificadas {
            guard let notificada = f.fecha.flatMap(Fecha.init(iso:)) else { continue }
            let vence = venceCache[notificada] ?? terminos.recursos(notificada: notificada)
            venceCache[notificada] = vence
            guard vence < hoy else { continue }
            agregar(f, .firmeza, vence: vence, detalle: "Notificada el \(notificada.texto); recursos hasta el \(vence.texto)", responsable: "")
        }

        // Recursos not resolved in time: reposición by the evaluador, apelación by the evaluador's superior.
        for (estado, paso, instancia) in [(EstadoEDL.enReposicion, Paso.reposicion, "reposicion"), (.enApelacion, .apelacion, "apelacion")] {
            let responsable = paso == .reposicion ? SQLColumn("evaluador_id", table: "e") : SQLColumn("jefe_id", table: "j")
            let q = baseAtrasos(sql, periodoID: pid, responsable: responsable) { q in
                q.join(SQLAlias(SQLIdentifier(RecursoEDL.schema), as: SQLIdentifier("rc")), method: SQLJoinMethod.inner,
                       on: SQLColumn("evaluacion_id", table: "rc"), .equal, SQLColumn("id", table: "e"))
                if paso == .apelacion {
                    // The superior is the evaluador's jefe: join the evaluador first.
                    q.join(SQLAlias(SQLIdentifier(Servidor.schema), as: SQLIdentifier("j")), method: SQLJoinMethod.left,
                           on: SQLColumn("id", table: "j"), .equal, SQLColumn("evaluador_id", table: "e"))
                }
            }
                .column(SQLColumn("interpuesto_el", table: "rc"), as: "fecha")
                .where(SQLColumn("estado", table: "e"), .equal, SQLBind(estado.rawValue))
                .where(SQLColumn("instancia", table: "rc"), .equal, SQLBind(instancia))
                .where(SQLColumn("resuelto_el", table: "rc"), .is, SQLLiteral.null)
                .where(SQLColumn("interpuesto_el", table: "rc"), .lessThan, SQLBind(hoy.iso))
            for f in try await q.all(decoding: FilaAtraso.self) {
                guard let interpuesto = f.fecha.flatMap(Fecha.init(iso:)) else { continue }
                let vence = terminos.resolucion(interpuesto: interpuesto)
                guard vence < hoy else { continue }
                agregar(f, paso, vence: vence, detalle: "Interpuesto el \(interpuesto.texto)")
            }
        }
        return r.sorted { ($0.diasHabiles, $1.servidor) > ($1.diasHabiles, $0.servidor) }
    }

    static func atrasosPorPaso(_ atrasos: [AtrasoEDLDTO]) -> [ConteoPasoDTO] {
        var n: [String: Int] = [:]
        for a in atrasos { n[a.paso, default: 0] += 1 }
        return Paso.allCases.map { ConteoPasoDTO(paso: $0.rawValue, nombre: $0.nombre, evaluaciones: n[$0.rawValue] ?? 0) }
    }

    // MARK: Results

    /// Rated evaluations grouped by dependencia × nivel × vinculación × level of the scale: one
    /// small table from which every result table is summed.
    struct Celda: Decodable, Sendable {
        let dependenciaId: UUID?
        let nivel: String
        let vinculacion: String
        let nivelEscala: String?
        let n: Int
        let suma: Int?

        enum CodingKeys: String, CodingKey {
            case dependenciaId = "dependencia_id", nivel, vinculacion, nivelEscala = "nivel_escala", n, suma
        }
    }

    static func celdas(_ periodoID: UUID, on db: any Database) async throws -> [Celda] {
        guard let sql = db as? any SQLDatabase else { return [] }
        return try await sql.select()
            .column("dependencia_id").column("nivel").column("vinculacion").column("nivel_escala")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            // SUM of an integer column is NUMERIC on PostgreSQL: keep it an integer on both databases.
            .column(SQLRaw("CAST(SUM(puntaje) AS BIGINT)"), as: "suma")
            .from(EvaluacionEDL.schema)
            .where("periodo_id", .equal, SQLBind(periodoID))
            .where("estado", .in, SQLBind.group(estadosCalificados.map(\.rawValue)))
            .where("puntaje", .isNot, SQLLiteral.null)
            .groupBy("dependencia_id").groupBy("nivel").groupBy("vinculacion").groupBy("nivel_escala")
            .all(decoding: Celda.self)
    }

    static func niveles(_ conteo: [String: Int], total: Int, escala: Escala) -> [NivelConteoDTO] {
        escala.niveles.map { nv in
            let n = conteo[nv.codigo] ?? 0
            let p = porcentaje(n, de: total)
            return NivelConteoDTO(codigo: nv.codigo, nombre: nv.nombre, desdeTexto: nv.desde.texto, hastaTexto: escala.hasta(nv).texto,
                                  satisfactorio: nv.satisfactorio, evaluaciones: n, porcentaje: p.valor, porcentajeTexto: p.texto)
        }
    }

    /// Sums the cells into one row per key (`clave`), in the order of `orden`.
    static func agrupar(_ celdas: [Celda], escala: Escala, clave: (Celda) -> String,
                        orden: [(clave: String, nombre: String)]) -> [ResultadoGrupoDTO] {
        var n: [String: Int] = [:], suma: [String: Int] = [:], porNivel: [String: [String: Int]] = [:]
        for c in celdas {
            let k = clave(c)
            n[k, default: 0] += c.n
            suma[k, default: 0] += c.suma ?? 0
            porNivel[k, default: [:]][c.nivelEscala ?? "", default: 0] += c.n
        }
        let satisfactorios = Set(escala.niveles.filter(\.satisfactorio).map(\.codigo))
        return orden.compactMap { o in
            guard let total = n[o.clave], total > 0 else { return nil }
            let promedio = Puntaje(centesimas: Puntaje.redondear(suma[o.clave] ?? 0, total))
            let niveles = porNivel[o.clave] ?? [:]
            let si = niveles.filter { satisfactorios.contains($0.key) }.values.reduce(0, +)
            return ResultadoGrupoDTO(clave: o.clave, nombre: o.nombre, calificadas: total, promedio: promedio.valor, promedioTexto: promedio.texto,
                                     satisfactorias: si, noSatisfactorias: total - si,
                                     porNivel: Self.niveles(niveles, total: total, escala: escala))
        }
    }

    struct Resultados: Sendable {
        let calificadas: Int
        let promedio: Puntaje?
        let dependencias: [ResultadoGrupoDTO]
        let niveles: [ResultadoGrupoDTO]
        let vinculaciones: [ResultadoGrupoDTO]
        let distribucion: [NivelConteoDTO]
    }

    /// Results of the rated evaluations by dependencia, nivel jerárquico and vinculación (count,
    /// average score, count per level of the scale) and their distribution by level.
    static func resultados(_ periodoID: UUID, escala: Escala, on db: any Database) async throws -> Resultados {
        let celdas = try await celdas(periodoID, on: db)
        let depIds = Set(celdas.compactMap(\.dependenciaId))
        let deps = depIds.isEmpty ? [] : try await Dependencia.query(on: db).filter(\.$id ~~ depIds).all()
        let sinDependencia = "sin_dependencia"
        var ordenDeps = deps.sorted { $0.nombre.localizedCompare($1.nombre) == .orderedAscending }
            .map { (clave: $0.id!.uuidString, nombre: $0.nombre) }
        if celdas.contains(where: { $0.dependenciaId == nil }) { ordenDeps.append((sinDependencia, "Sin dependencia")) }
        let total = celdas.reduce(0) { $0 + $1.n }
        let suma = celdas.reduce(0) { $0 + ($1.suma ?? 0) }
        var porNivel: [String: Int] = [:]
        for c in celdas { porNivel[c.nivelEscala ?? "", default: 0] += c.n }
        return Resultados(
            calificadas: total,
            promedio: total > 0 ? Puntaje(centesimas: Puntaje.redondear(suma, total)) : nil,
            dependencias: agrupar(celdas, escala: escala, clave: { $0.dependenciaId?.uuidString ?? sinDependencia }, orden: ordenDeps),
            niveles: agrupar(celdas, escala: escala, clave: \.nivel, orden: NivelJerarquico.allCases.map { ($0.rawValue, $0.nombre) }),
            vinculaciones: agrupar(celdas, escala: escala, clave: \.vinculacion, orden: TipoVinculacion.allCases.map { ($0.rawValue, $0.nombre) }),
            distribucion: niveles(porNivel, total: total, escala: escala))
    }

    // MARK: The whole report

    static func reporte(_ periodoID: UUID?, _ actor: Actor, hoy: Fecha, on db: any Database) async throws -> ReporteEDLDTO {
        try exigirPermiso(actor)
        let p = try await PeriodosEDLService.obtener(periodoID, actor, on: db)
        let d = try p.definicion
        let terminos = Terminos(definicion: d, calendario: try await CalendarioService.calendario(actor.entidadID, on: db))
        let progreso = try await progreso(p.id!, on: db)
        let atrasos = try await atrasos(p, terminos: terminos, hoy: hoy, on: db)
        let r = try await resultados(p.id!, escala: d.escala, on: db)
        let porEstado = Dictionary(uniqueKeysWithValues: progreso.compactMap { c in EstadoEDL(rawValue: c.estado).map { ($0, c.evaluaciones) } })
        return ReporteEDLDTO(
            periodo: PeriodoDTO(p, porEstado: porEstado), fechaCorte: hoy.iso, fechaCorteTexto: hoy.texto,
            total: progreso.reduce(0) { $0 + $1.evaluaciones }, progreso: progreso,
            atrasos: atrasos, atrasosPorPaso: atrasosPorPaso(atrasos),
            calificadas: r.calificadas, promedio: r.promedio?.valor, promedioTexto: r.promedio?.texto,
            dependencias: r.dependencias, niveles: r.niveles, vinculaciones: r.vinculaciones, distribucion: r.distribucion)
    }

    // MARK: Insubsistencia and período de prueba

    static let fundamentoInsubsistencia = "Proyectar la declaratoria de insubsistencia del nombramiento (Ley 909 de 2004, art. 43)."

    /// No satisfactoria en firme (for the declaratoria de insubsistencia) and the rated períodos
    /// de prueba with what follows, across the entity's periods, newest first.
    static func insubsistencia(_ actor: Actor, on db: any Database) async throws -> InsubsistenciaDTO {
        try exigirPermiso(actor)
        let noSatisfactorias = try await EvaluacionEDL.query(on: db).filter(\.$entidad.$id == actor.entidadID)
            .filter(\.$estado == .enFirme).filter(\.$satisfactoria == false)
            .sort(\.$enFirmeEl, .descending).all()
        let prueba = try await EvaluacionEDL.query(on: db).filter(\.$entidad.$id == actor.entidadID)
            .filter(\.$enPrueba == true).filter(\.$satisfactoria != nil).filter(\.$estado != .cerrada)
            .sort(\.$calificadaEl, .descending).all()
        let periodos = try await PeriodoEDL.query(on: db).filter(\.$entidad.$id == actor.entidadID).all()
        let nombrePeriodo = Dictionary(uniqueKeysWithValues: periodos.map { ($0.id!, $0.nombre) })
        func filas(_ evs: [EvaluacionEDL]) async throws -> [InsubsistenciaFilaDTO] {
            let resumenes = try await EDLVistas.resumenes(evs, on: db)
            let conDerechos = Set(try await Servidor.query(on: db).filter(\.$id ~~ Set(evs.filter(\.enPrueba).map { $0.$servidor.id }))
                .filter(\.$derechosDeCarrera == true).all(\.$id))
            return zip(evs, resumenes).map { e, s in
                var consecuencia: String
                if e.enPrueba {
                    consecuencia = PeriodoDePrueba.consecuencia(satisfactoria: e.satisfactoria ?? false, veniaDeCarrera: conDerechos.contains(e.$servidor.id))
                    if e.estado != .enFirme { consecuencia += " Procede cuando la calificación quede en firme." }
                } else {
                    consecuencia = fundamentoInsubsistencia
                }
                return InsubsistenciaFilaDTO(
                    evaluacionId: e.id!, periodoId: e.$periodo.id, periodo: nombrePeriodo[e.$periodo.id] ?? "", servidor: s.servidor,
                    documento: s.documento, dependencia: s.dependencia, nivel: s.nivel, vinculacion: s.vinculacion, evaluador: s.evaluador,
                    enPrueba: e.enPrueba, extraordinaria: e.esExtraordinaria, estado: e.estado.rawValue, estadoNombre: e.estado.nombre,
                    puntaje: s.puntaje, puntajeTexto: s.puntajeTexto, nivelResultado: s.nivelResultado, satisfactoria: e.satisfactoria,
                    calificada: e.calificadaEl, calificadaTexto: EDLVistas.texto(e.calificadaEl),
                    notificada: e.notificadaEl, notificadaTexto: EDLVistas.texto(e.notificadaEl),
                    enFirme: e.enFirmeEl, enFirmeTexto: EDLVistas.texto(e.enFirmeEl), consecuencia: consecuencia)
            }
        }
        return InsubsistenciaDTO(noSatisfactorias: try await filas(noSatisfactorias), periodoDePrueba: try await filas(prueba))
    }
}
