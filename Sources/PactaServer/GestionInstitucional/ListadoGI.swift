import Fluent
import Foundation
import PactaCore
import SQLKit
import Spreadsheet
import Vapor

struct FiltroGI: Content {
    var buscar: String?
    var estado: String?
    var dependenciaId: String?
    /// "si": only those behind a deadline (the control point, activity 17).
    var atraso: String?
    var pagina: Int?
    var porPagina: Int?

    func validar() throws {
        var errores: [String: String] = [:]
        do { let _: EstadoGI? = try Campos.filtro("estado", estado) } catch { errores.merge((error as? PactaError)?.campos ?? [:]) { a, _ in a } }
        if let d = Campos.limpio(dependenciaId), UUID(uuidString: d) == nil { errores["dependenciaId"] = "«\(d)» no es un identificador de dependencia válido." }
        if let a = Campos.limpio(atraso), a != "si" { errores["atraso"] = "El filtro «atraso» admite solo «si»." }
        if let p = pagina, p < 1 { errores["pagina"] = "La página debe ser 1 o mayor." }
        if let p = porPagina, !(1...200).contains(p) { errores["porPagina"] = "Se pueden pedir entre 1 y 200 evaluaciones por página." }
        if !errores.isEmpty { throw PactaError.validacion(errores) }
    }
}

/// One line of a vigencia's list: where each servant is, since when, what is due and the results.
struct FilaGI: Content {
    let id: UUID
    let servidor: String
    let documento: String
    let dependencia: String
    let jefe: String
    let estado: EstadoGI
    let estadoNombre: String
    let etapaDesde: String
    /// Días hábiles at the current stage.
    let diasEnEtapa: Int
    let atrasada: Bool
    let pendiente: String?
    let responsable: String?
    let vence: String?
    let diasHabiles: Int?
    let seguimiento1: Puntaje?
    let seguimiento2: Puntaje?
    let resultado: Puntaje?
    let nivel: String?
    /// The same figures with a decimal comma, for the pages.
    let seguimiento1Texto: String?
    let seguimiento2Texto: String?
    let resultadoTexto: String?
}

/// The lists of a vigencia: the stage reports (activities 7, 11, 16) and the control point (17).
enum ListadoGI {
    struct Resultado: Sendable {
        let total: Int
        let filas: [FilaGI]
        let porEstado: [EstadoGI: Int]
    }

    /// The columns the lists show, read in one joined query without the metas (at 50 000 servants a
    /// vigencia holds some 18 000 evaluations: full models would take seconds).
    struct Leida: Decodable {
        let id: UUID
        let estado: String
        let etapaDesde: String
        let posesion: String?
        let enviadaEl: String?
        let revisadaEl: String?
        let seguimiento1: Int?
        let seguimiento2: Int?
        let resultado: Int?
        let nivelEscala: String?
        let nombres: String
        let apellidos: String
        let documento: String
        let jefeNombres: String?
        let jefeApellidos: String?
        let dependencia: String?
    }

    /// The vigencia's evaluations the actor may see, with the filters that are plain columns.
    static func base(_ sql: any SQLDatabase, _ v: VigenciaGI, _ f: FiltroGI, _ actor: Actor) -> SQLSelectBuilder {
        let q = sql.select()
            .from(SQLAlias(SQLIdentifier(EvaluacionGI.schema), as: SQLIdentifier("e")))
            .where(SQLColumn("entidad_id", table: "e"), .equal, SQLBind(actor.entidadID))
            .where(SQLColumn("vigencia_id", table: "e"), .equal, SQLBind(v.id!))
        if !(actor.puede(.gestionarEvaluaciones) || actor.puede(.verEvaluaciones)) {
            let yo = actor.servidorID ?? UUID()
            q.where { $0.where(SQLColumn("servidor_id", table: "e"), .equal, SQLBind(yo)).orWhere(SQLColumn("jefe_id", table: "e"), .equal, SQLBind(yo)) }
        }
        if let d = Campos.limpio(f.dependenciaId).flatMap(UUID.init(uuidString:)) {
            q.where(SQLColumn("dependencia_id", table: "e"), .equal, SQLBind(d))
        }
        return q
    }

    /// Evaluations per stage (one grouped query).
    static func porEstado(_ v: VigenciaGI, _ actor: Actor, filtro f: FiltroGI = FiltroGI(), on db: any Database) async throws -> [EstadoGI: Int] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        struct Conteo: Decodable { let estado: String; let n: Int }
        let filas = try await base(sql, v, f, actor).column(SQLColumn("estado", table: "e"), as: "estado")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").groupBy(SQLColumn("estado", table: "e")).all(decoding: Conteo.self)
        var r: [EstadoGI: Int] = [:]
        for c in filas { if let e = EstadoGI(rawValue: c.estado) { r[e] = c.n } }
        return r
    }

    /// The figures of the stage report, aggregated in the database: per level of the scale, the results'
    /// count and sum (for the mean), and how many have their first seguimiento.
    struct Resumen: Sendable {
        var porEstado: [EstadoGI: Int] = [:]
        var porNivel: [String: Int] = [:]
        var resultados = 0
        var sumaResultados = 0
        var conSeguimiento1 = 0
        var total: Int { porEstado.values.reduce(0, +) }
    }

    static func resumen(_ v: VigenciaGI, _ actor: Actor, on db: any Database) async throws -> Resumen {
        var r = Resumen(porEstado: try await porEstado(v, actor, on: db))
        guard let sql = db as? any SQLDatabase else { return r }
        struct Fila: Decodable { let nivel: String?; let n: Int; let suma: Int?; let seguimiento1: Int }
        let filas = try await base(sql, v, FiltroGI(), actor)
            .column(SQLColumn("nivel_escala", table: "e"), as: "nivel")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .column(SQLFunction("SUM", args: SQLColumn("resultado", table: "e")), as: "suma")
            .column(SQLFunction("COUNT", args: SQLColumn("seguimiento1", table: "e")), as: "seguimiento1")
            .groupBy(SQLColumn("nivel_escala", table: "e")).all(decoding: Fila.self)
        for f in filas {
            r.conSeguimiento1 += f.seguimiento1
            guard let nivel = f.nivel else { continue }
            r.porNivel[nivel, default: 0] += f.n
            r.resultados += f.n
            r.sumaResultados += f.suma ?? 0
        }
        return r
    }

    /// `soloTotal`: only how many match (and the counts per stage), for the home page's figures.
    static func filas(_ v: VigenciaGI, _ f: FiltroGI, _ actor: Actor, hoy: Fecha, paginar: Bool = true, soloTotal: Bool = false,
                      on db: any Database) async throws -> Resultado {
        try f.validar()
        guard let sql = db as? any SQLDatabase else { return Resultado(total: 0, filas: [], porEstado: [:]) }
        let conteo = try await porEstado(v, actor, filtro: f, on: db)
        let q = base(sql, v, f, actor)
        for (columna, alias) in [("id", "id"), ("estado", "estado"), ("etapa_desde", "etapaDesde"), ("posesion", "posesion"),
                                 ("enviada_el", "enviadaEl"), ("revisada_el", "revisadaEl"), ("seguimiento1", "seguimiento1"),
                                 ("seguimiento2", "seguimiento2"), ("resultado", "resultado"), ("nivel_escala", "nivelEscala")] {
            q.column(SQLColumn(columna, table: "e"), as: alias)
        }
        q.column(SQLColumn("nombres", table: "s"), as: "nombres").column(SQLColumn("apellidos", table: "s"), as: "apellidos")
            .column(SQLColumn("documento", table: "s"), as: "documento")
            .column(SQLColumn("nombres", table: "j"), as: "jefeNombres").column(SQLColumn("apellidos", table: "j"), as: "jefeApellidos")
            .column(SQLColumn("nombre", table: "d"), as: "dependencia")
            .join(SQLAlias(SQLIdentifier(Servidor.schema), as: SQLIdentifier("s")), method: SQLJoinMethod.inner,
                  on: SQLColumn("id", table: "s"), .equal, SQLColumn("servidor_id", table: "e"))
            .join(SQLAlias(SQLIdentifier(Servidor.schema), as: SQLIdentifier("j")), method: SQLJoinMethod.left,
                  on: SQLColumn("id", table: "j"), .equal, SQLColumn("jefe_id", table: "e"))
            .join(SQLAlias(SQLIdentifier(Dependencia.schema), as: SQLIdentifier("d")), method: SQLJoinMethod.left,
                  on: SQLColumn("id", table: "d"), .equal, SQLColumn("dependencia_id", table: "e"))
        if let estado = Campos.limpio(f.estado).flatMap(EstadoGI.init(rawValue:)) {
            q.where(SQLColumn("estado", table: "e"), .equal, SQLBind(estado.rawValue))
        }
        for palabra in Campos.limpio(f.buscar).map({ Texto.normalizar($0).split(separator: " ").map(String.init) }) ?? [] {
            q.where(SQLColumn("busqueda", table: "s"), .like, SQLBind("%\(palabra)%"))
        }
        let leidas = try await q.all(decoding: Leida.self)
        let cal = try await CalendarioService.calendario(v.$entidad.id, on: db)
        let terminos = TerminosGI(definicion: try v.definicion, calendario: cal, plan: v.plan)
        func debidos(_ ev: Leida, _ estado: EstadoGI) -> [Debido<RolGI>] {
            terminos.pendientes(terminos.foto(estado: estado, posesion: ev.posesion.flatMap(Fecha.init(iso:)),
                                              enviada: ev.enviadaEl.flatMap(Fecha.init(iso:)), revisada: ev.revisadaEl.flatMap(Fecha.init(iso:))),
                                hoy: hoy)
        }
        // Sorted and filtered on what every row has; what is due is worked out for all rows only when
        // the control point's filter asks, and the días hábiles only for the rows shown.
        var elegidas: [(ev: Leida, estado: EstadoGI, debidos: [Debido<RolGI>]?)] = leidas.compactMap { ev in
            EstadoGI(rawValue: ev.estado).map { (ev, $0, nil) }
        }
        if f.atraso == "si" {
            elegidas = elegidas.compactMap { e in
                let d = debidos(e.ev, e.estado)
                return TerminosGI.atrasada(d, hoy: hoy) ? (e.ev, e.estado, d) : nil
            }
        }
        elegidas.sort { ($0.estado.orden, $0.ev.nombres, $0.ev.apellidos) < ($1.estado.orden, $1.ev.nombres, $1.ev.apellidos) }
        let total = elegidas.count
        if soloTotal { return Resultado(total: total, filas: [], porEstado: conteo) }
        if paginar {
            let por = f.porPagina ?? 50, pagina = f.pagina ?? 1
            elegidas = Array(elegidas.dropFirst((pagina - 1) * por).prefix(por))
        }
        let filas = elegidas.map { e in
            let ev = e.ev, estado = e.estado
            let d = e.debidos ?? debidos(ev, estado)
            let primero = d.first { $0.rol != .talentoHumano }
            let desde = Fecha(iso: ev.etapaDesde) ?? hoy
            let jefe = [ev.jefeNombres, ev.jefeApellidos].compactMap { $0 }.joined(separator: " ")
            return FilaGI(
                id: ev.id, servidor: "\(ev.nombres) \(ev.apellidos)", documento: ev.documento,
                dependencia: ev.dependencia ?? "", jefe: jefe.isEmpty ? "Sin jefe asignado" : jefe,
                estado: estado, estadoNombre: estado.nombre, etapaDesde: desde.texto,
                diasEnEtapa: max(0, cal.diasHabiles(desde: desde, hasta: hoy)), atrasada: TerminosGI.atrasada(d, hoy: hoy),
                pendiente: primero?.tarea, responsable: primero?.rol.nombre, vence: primero?.vence?.texto,
                diasHabiles: primero?.diasHabilesRestantes(hoy: hoy, calendario: cal),
                seguimiento1: ev.seguimiento1.map(Puntaje.init(centesimas:)), seguimiento2: ev.seguimiento2.map(Puntaje.init(centesimas:)),
                resultado: ev.resultado.map(Puntaje.init(centesimas:)), nivel: ev.nivelEscala,
                seguimiento1Texto: ev.seguimiento1.map { Puntaje(centesimas: $0).texto },
                seguimiento2Texto: ev.seguimiento2.map { Puntaje(centesimas: $0).texto },
                resultadoTexto: ev.resultado.map { Puntaje(centesimas: $0).texto })
        }
        return Resultado(total: total, filas: filas, porEstado: conteo)
    }

    static let encabezados = ["Servidor", "Documento", "Dependencia", "Jefe inmediato", "Etapa", "En la etapa desde",
                              "Días hábiles en la etapa", "Atrasada", "Pendiente", "Responsable", "Vence", "Días hábiles restantes",
                              "Primer seguimiento (%)", "Segundo seguimiento (%)", "Resultado", "Nivel"]

    static func celdas(_ f: FilaGI) -> [XLSX.Cell] {
        func n(_ p: Puntaje?) -> XLSX.Cell { p.map { .number($0.valor) } ?? .empty }
        return [.text(f.servidor), .text(f.documento), .text(f.dependencia), .text(f.jefe), .text(f.estadoNombre), .text(f.etapaDesde),
                .number(Double(f.diasEnEtapa)), .text(f.atrasada ? "Sí" : "No"), .text(f.pendiente ?? ""), .text(f.responsable ?? ""),
                .text(f.vence ?? ""), f.diasHabiles.map { .number(Double($0)) } ?? .empty,
                n(f.seguimiento1), n(f.seguimiento2), n(f.resultado), .text(f.nivel ?? "")]
    }
}
