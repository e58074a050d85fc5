import Fluent
import Foundation
import PactaCore
import Vapor

/// The Gestión Institucional pages: the module's home (one's own and one's team's evaluations,
/// Talento Humano's vigencias), a vigencia (plan de trabajo, stage report, control point) and the
/// evaluation workbench. Every handler calls the same services as `GestionAPI`.
enum GestionWeb {
    static func register(_ r: any RoutesBuilder) {
        let g = r.grouped("gestion")
        g.get(use: inicio)
        g.post("vigencias", use: abrir)
        g.get("vigencias", ":id", use: vigencia)
        g.post("vigencias", ":id", "plan", use: plan)
        g.post("vigencias", ":id", "incorporaciones", use: incorporar)
        g.get("evaluaciones", ":id", use: evaluacion)
        g.get("evaluaciones", ":id", "formato", use: formato)
        let participantes = g.grouped(SoloParticipantesGIMiddleware())
        participantes.post("evaluaciones", ":id", "acciones", use: accion)
        participantes.on(.POST, "evaluaciones", ":id", "evidencias", body: .collect(maxSize: "11mb"), use: evidencia)
        g.get("evaluaciones", ":id", "evidencias", ":evidencia", "archivo", use: GestionAPI.archivo)
    }

    struct PendienteVista: Encodable, Sendable {
        let tarea: String
        let rol: String
        let venceTexto: String?
        let plazo: String
        let vencido: Bool
        let mio: Bool
    }

    static func vistas(_ debidos: [Debido<RolGI>], roles: Set<RolGI>, hoy: Fecha, calendario: Calendario) -> [PendienteVista] {
        debidos.map { d in
            let dias = d.diasHabilesRestantes(hoy: hoy, calendario: calendario)
            let vencido = d.vence.map { hoy > $0 } ?? false
            return PendienteVista(tarea: d.tarea, rol: d.rol.nombre, venceTexto: d.vence?.texto,
                                  plazo: Debido<RolGI>.textoPlazo(dias: dias, vencido: vencido), vencido: vencido, mio: roles.contains(d.rol))
        }
    }

    // MARK: - /gestion

    struct Barra: Encodable { let etiqueta: String; let valor: Int; let total: Int; let porcentaje: Int; let enlace: String }

    static func barras(_ porEstado: [EstadoGI: Int], vigenciaID: UUID) -> [Barra] {
        let total = porEstado.values.reduce(0, +)
        return EstadoGI.allCases.map { e in
            let n = porEstado[e] ?? 0
            return Barra(etiqueta: e.nombre, valor: n, total: max(total, 1), porcentaje: total == 0 ? 0 : Int((Double(n) * 100 / Double(total)).rounded()),
                         enlace: "/gestion/vigencias/\(vigenciaID)?estado=\(e.rawValue)")
        }
    }

    struct FilaVigencia: Encodable { let id: UUID; let nombre: String; let total: Int; let finalizadas: Int; let atrasadas: Int; let barras: [Barra] }
    struct MiEvaluacion: Encodable { let id: UUID; let vigencia: String; let servidor: String; let jefe: String; let papel: String; let estado: String; let resultado: String?; let pendientes: [PendienteVista] }

    struct Inicio: Encodable {
        let gestiona: Bool
        let ve: Bool
        let tieneServidor: Bool
        let vigencias: [FilaVigencia]
        let mias: [MiEvaluacion]
        let apertura: EstadoFormulario
        let anio: String
        let umbral: String
        let pesoMetas: String
    }

    static func paginaInicio(_ req: Request, apertura: EstadoFormulario = EstadoFormulario(), status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        let hoy = req.hoy
        let gestiona = actor.puede(.gestionarEvaluaciones)
        let ve = gestiona || actor.puede(.verEvaluaciones)
        guard ve || actor.servidorID != nil else { throw PactaError.prohibido("La gestión institucional es para servidores, Talento Humano y Control Interno.") }
        let vigencias = try await VigenciasGIService.listar(actor, on: req.db)
        var filas: [FilaVigencia] = []
        var mias: [MiEvaluacion] = []
        let cal = try await CalendarioService.calendario(actor.entidadID, on: req.db)
        for v in vigencias {
            if ve {
                var atraso = FiltroGI()
                atraso.atraso = "si"
                let r = try await ListadoGI.filas(v, atraso, actor, hoy: hoy, soloTotal: true, on: req.db)
                filas.append(FilaVigencia(id: v.id!, nombre: v.nombre, total: r.porEstado.values.reduce(0, +), finalizadas: r.porEstado[.finalizada] ?? 0,
                                          atrasadas: r.total, barras: barras(r.porEstado, vigenciaID: v.id!)))
            }
            if let yo = actor.servidorID {
                let evs = try await EvaluacionGI.query(on: req.db).filter(\.$vigencia.$id == v.id!)
                    .group(.or) { $0.filter(\.$servidor.$id == yo).filter(\.$jefe.$id == yo) }.with(\.$servidor).with(\.$jefe).all()
                let pend = try await EvaluacionesGIService.pendientes(evs, hoy: hoy, on: req.db)
                for ev in evs.sorted(by: { ($0.$servidor.id != yo ? 1 : 0, $0.servidor.nombreCompleto) < ($1.$servidor.id != yo ? 1 : 0, $1.servidor.nombreCompleto) }) {
                    let roles = GestionAcceso.roles(ev, actor)
                    mias.append(MiEvaluacion(id: ev.id!, vigencia: v.nombre, servidor: ev.servidor.nombreCompleto,
                                             jefe: ev.jefe?.nombreCompleto ?? "Sin jefe asignado",
                                             papel: ev.$servidor.id == yo ? "Evaluado(a)" : "Jefe inmediato", estado: ev.estado.nombre,
                                             resultado: ev.resultado.map { "\(Puntaje(centesimas: $0).texto) (\(ev.nivelEscala ?? ""))" },
                                             pendientes: vistas(pend[ev.id!] ?? [], roles: roles, hoy: hoy, calendario: cal)))
                }
            }
        }
        let d = DefinicionGI.preset
        return try await req.pagina("gestion/inicio", "Evaluación de la gestión institucional", Inicio(
            gestiona: gestiona, ve: ve, tieneServidor: actor.servidorID != nil, vigencias: filas, mias: mias, apertura: apertura,
            anio: apertura.valores["anio"] ?? String(hoy.anio), umbral: apertura.valores["umbralMejoramiento"] ?? d.umbralMejoramiento.texto,
            pesoMetas: apertura.valores["pesoMetas"] ?? String(d.metas.peso)), status: status)
    }

    @Sendable static func inicio(req: Request) async throws -> Response { try await paginaInicio(req) }

    struct AbrirForm: Content { var anio: String?; var umbralMejoramiento: String?; var pesoMetas: String? }

    @Sendable static func abrir(req: Request) async throws -> Response {
        let f = try req.content.decode(AbrirForm.self)
        do {
            let (v, n) = try await VigenciasGIService.abrir(.init(anio: f.anio.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? 0,
                                                                   umbralMejoramiento: f.umbralMejoramiento,
                                                                   pesoMetas: Campos.limpio(f.pesoMetas).map { Int($0) ?? -1 }),
                                                             req.actor(), hoy: req.hoy, on: req.db)
            req.avisar("Se abrió la \(v.nombre.lowercased()) con \(n) \(n == 1 ? "servidor" : "servidores") en formulación de metas.")
            return req.redirect(to: "/gestion/vigencias/\(v.id!)", redirectType: .normal)
        } catch let e as PactaError {
            return try await paginaInicio(req, apertura: EstadoFormulario("apertura", e, valores: [
                "anio": f.anio ?? "", "umbralMejoramiento": f.umbralMejoramiento ?? "", "pesoMetas": f.pesoMetas ?? ""]), status: e.status)
        }
    }

    // MARK: - /gestion/vigencias/:id

    struct EtapaVista: Encodable { let codigo: String; let nombre: String; let inicio: String; let fin: String }
    struct Paginas: Encodable { let actual: Int; let total: Int; let anterior: String?; let siguiente: String? }

    struct VistaVigencia: Encodable {
        let id: UUID
        let nombre: String
        let anio: Int
        let gestiona: Bool
        let plan: [EtapaVista]
        let planEstado: EstadoFormulario
        let barras: [Barra]
        let total: Int
        let formuladas: Int
        let primerSeguimiento: Int
        let finalizadas: Int
        let promedio: String?
        let niveles: [Barra]
        let filas: [FilaGI]
        let filtrados: Int
        let filtro: FiltroGI
        let estados: [Opcion]
        let consulta: String
        let pagina: Paginas
        let umbral: String
        let envio: EstadoFormulario
        let escala: String
        let pesos: String
    }

    static func paginaVigencia(_ req: Request, id: UUID?, planEstado: EstadoFormulario = EstadoFormulario(),
                               envio: EstadoFormulario = EstadoFormulario(), status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        let v = try await VigenciasGIService.obtener(id, actor, on: req.db)
        guard actor.puede(.gestionarEvaluaciones) || actor.puede(.verEvaluaciones) || actor.servidorID != nil else { throw PactaError.prohibido() }
        let d = try v.definicion
        var f = try req.query.decode(FiltroGI.self)
        if f.porPagina == nil { f.porPagina = 50 }
        let todas = try await ListadoGI.resumen(v, actor, on: req.db)
        let r = try await ListadoGI.filas(v, f, actor, hoy: req.hoy, on: req.db)
        let plan = v.plan
        let total = todas.total
        let niveles = d.base.escala.niveles.reversed().map { n in
            Barra(etiqueta: n.nombre, valor: todas.porNivel[n.nombre] ?? 0, total: max(todas.resultados, 1),
                  porcentaje: todas.resultados == 0 ? 0 : Int((Double(todas.porNivel[n.nombre] ?? 0) * 100 / Double(todas.resultados)).rounded()), enlace: "")
        }
        let paginas = max(1, (r.total + f.porPagina! - 1) / f.porPagina!)
        let actual = min(f.pagina ?? 1, paginas)
        let consulta = Paginacion.consulta(req)
        func enlace(_ p: Int) -> String { "?" + (consulta.isEmpty ? "" : consulta + "&") + "pagina=\(p)" }
        return try await req.pagina("gestion/vigencia", "Gestión institucional · \(v.nombre)", VistaVigencia(
            id: v.id!, nombre: v.nombre, anio: v.anio, gestiona: actor.puede(.gestionarEvaluaciones),
            plan: d.etapas.map { e in EtapaVista(codigo: e.codigo, nombre: e.nombre,
                                                 inicio: planEstado.valores["inicio[\(e.codigo)]"] ?? plan[e.codigo]?.inicio.texto ?? "",
                                                 fin: planEstado.valores["fin[\(e.codigo)]"] ?? plan[e.codigo]?.fin.texto ?? "") },
            planEstado: planEstado, barras: barras(todas.porEstado, vigenciaID: v.id!), total: total,
            formuladas: todas.porEstado.filter { $0.key.metasAcordadas }.values.reduce(0, +),
            primerSeguimiento: todas.conSeguimiento1,
            finalizadas: todas.porEstado[.finalizada] ?? 0,
            promedio: todas.resultados == 0 ? nil : Puntaje(centesimas: Puntaje.redondear(todas.sumaResultados, todas.resultados)).texto,
            niveles: niveles, filas: r.filas, filtrados: r.total, filtro: f,
            estados: EstadoGI.allCases.map { Opcion(valor: $0.rawValue, texto: $0.nombre, elegida: $0.rawValue == f.estado) },
            consulta: consulta, pagina: Paginas(actual: actual, total: paginas, anterior: actual > 1 ? enlace(actual - 1) : nil,
                                               siguiente: actual < paginas ? enlace(actual + 1) : nil),
            umbral: envio.valores["umbral"] ?? d.umbralMejoramiento.texto, envio: envio,
            escala: d.base.escala.niveles.map { "\($0.nombre) desde \($0.desde.texto)" }.joined(separator: "; "),
            pesos: d.base.componentes.map { "\($0.nombre) \($0.peso) %" }.joined(separator: ", ")), status: status)
    }

    @Sendable static func vigencia(req: Request) async throws -> Response {
        do { return try await paginaVigencia(req, id: req.parameters.get("id", as: UUID.self)) } catch let e as PactaError where e.status == .unprocessableEntity {
            // A bad filter in the address: the list again without it, and the reason.
            req.avisar(e.mensaje)
            return req.redirect(to: "/gestion/vigencias/\(req.parameters.get("id") ?? "")", redirectType: .normal)
        }
    }

    @Sendable static func plan(req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: UUID.self)
        let input = try req.content.decode(VigenciasGIService.PlanInput.self)
        do {
            _ = try await VigenciasGIService.actualizarPlan(id, input, req.actor(), on: req.db)
            req.avisar("Se guardó el plan de trabajo: los plazos y recordatorios siguen las nuevas fechas.")
            return req.redirect(to: "/gestion/vigencias/\(id?.uuidString ?? "")", redirectType: .normal)
        } catch let e as PactaError {
            var valores: [String: String] = [:]
            for (k, v) in input.inicio ?? [:] { valores["inicio[\(k)]"] = v }
            for (k, v) in input.fin ?? [:] { valores["fin[\(k)]"] = v }
            return try await paginaVigencia(req, id: id, planEstado: EstadoFormulario("plan", e, valores: valores), status: e.status)
        }
    }

    @Sendable static func incorporar(req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: UUID.self)
        let n = try await VigenciasGIService.incorporar(id, req.actor(), hoy: req.hoy, on: req.db)
        req.avisar(n == 0 ? "No hay servidores nuevos por incorporar." : "Se incorporaron \(n) \(n == 1 ? "servidor" : "servidores") a la vigencia.")
        return req.redirect(to: "/gestion/vigencias/\(id?.uuidString ?? "")", redirectType: .normal)
    }
}
