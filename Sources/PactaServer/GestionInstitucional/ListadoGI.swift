import Fluent
import Foundation
import PactaCore
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

    static func filas(_ v: VigenciaGI, _ f: FiltroGI, _ actor: Actor, hoy: Fecha, paginar: Bool = true, on db: any Database) async throws -> Resultado {
        try f.validar()
        var q = GestionAcceso.filtrar(EvaluacionGI.query(on: db), actor).filter(\.$vigencia.$id == v.id!)
        if let d = Campos.limpio(f.dependenciaId).flatMap(UUID.init(uuidString:)) { q = q.filter(\.$dependencia.$id == d) }
        let todas = try await q.with(\.$servidor).with(\.$jefe).with(\.$dependencia).all()
        var porEstado: [EstadoGI: Int] = [:]
        for ev in todas { porEstado[ev.estado, default: 0] += 1 }
        let cal = try await CalendarioService.calendario(v.$entidad.id, on: db)
        let pendientes = try await EvaluacionesGIService.pendientes(todas, hoy: hoy, on: db)
        let palabras = Campos.limpio(f.buscar).map { Texto.normalizar($0).split(separator: " ").map(String.init) } ?? []
        let estado = Campos.limpio(f.estado).flatMap(EstadoGI.init(rawValue:))
        var filas: [FilaGI] = []
        for ev in todas {
            if let estado, ev.estado != estado { continue }
            if !palabras.isEmpty && !palabras.allSatisfy({ ev.servidor.busqueda.contains($0) }) { continue }
            let debidos = pendientes[ev.id!] ?? []
            let atrasada = debidos.contains { d in d.vence.map { hoy > $0 } ?? (d.rol == .talentoHumano) }
            if f.atraso == "si" && !atrasada { continue }
            let primero = debidos.first { $0.rol != .talentoHumano }
            let desde = Fecha(iso: ev.etapaDesde) ?? hoy
            filas.append(FilaGI(
                id: ev.id!, servidor: ev.servidor.nombreCompleto, documento: ev.servidor.documento,
                dependencia: ev.dependencia?.nombre ?? "", jefe: ev.jefe?.nombreCompleto ?? "Sin jefe asignado",
                estado: ev.estado, estadoNombre: ev.estado.nombre, etapaDesde: desde.texto,
                diasEnEtapa: max(0, cal.diasHabiles(desde: desde, hasta: hoy)), atrasada: atrasada,
                pendiente: primero?.tarea, responsable: primero?.rol.nombre, vence: primero?.vence?.texto,
                diasHabiles: primero?.diasHabilesRestantes(hoy: hoy, calendario: cal),
                seguimiento1: ev.seguimiento1.map(Puntaje.init(centesimas:)), seguimiento2: ev.seguimiento2.map(Puntaje.init(centesimas:)),
                resultado: ev.resultado.map(Puntaje.init(centesimas:)), nivel: ev.nivelEscala,
                seguimiento1Texto: ev.seguimiento1.map { Puntaje(centesimas: $0).texto },
                seguimiento2Texto: ev.seguimiento2.map { Puntaje(centesimas: $0).texto },
                resultadoTexto: ev.resultado.map { Puntaje(centesimas: $0).texto }))
        }
        filas.sort { ($0.estado.orden, $0.servidor) < ($1.estado.orden, $1.servidor) }
        let total = filas.count
        if paginar {
            let por = f.porPagina ?? 50, pagina = f.pagina ?? 1
            filas = Array(filas.dropFirst((pagina - 1) * por).prefix(por))
        }
        return Resultado(total: total, filas: filas, porEstado: porEstado)
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
