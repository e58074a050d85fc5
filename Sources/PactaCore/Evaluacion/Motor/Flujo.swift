/// A state, role or action of an instrument's workflow: stored by its raw value, shown by its name.
public protocol ElementoDeFlujo: Hashable, Sendable, Codable, CaseIterable, RawRepresentable where RawValue == String {
    /// How a person reads it, in Spanish ("firmar los compromisos", "evaluador").
    var nombre: String { get }
}

/// A fact about one evaluation that a rule of the workflow looks at (an opened parcial, an
/// instrument with comisión evaluadora…). The caller knows the facts; the table says what they do.
public struct Condicion: Hashable, Sendable, Codable, ExpressibleByStringLiteral {
    public let codigo: String
    public init(_ codigo: String) { self.codigo = codigo }
    public init(stringLiteral codigo: String) { self.codigo = codigo }
}

/// A workflow table: state × role × action → state. Everything an instrument's flow does is data of
/// its rules — who may act in which states, where it leads, the facts that refuse it (guards) and
/// the facts that send it elsewhere (detours) — so three instruments share one function.
public struct Flujo<EstadoDeFlujo: ElementoDeFlujo, RolDeFlujo: ElementoDeFlujo, AccionDeFlujo: ElementoDeFlujo>: Sendable {
    /// A refusal by a fact of the evaluation, with why in Spanish: "No se puede {acción} todavía: {motivo}".
    public struct Guarda: Hashable, Sendable {
        public let si: Condicion
        public let motivo: String
        public init(si: Condicion, motivo: String) {
            self.si = si
            self.motivo = motivo
        }
    }

    /// A different resulting state when a fact holds (the first that holds wins).
    public struct Desvio: Hashable, Sendable {
        public let si: Condicion
        public let hacia: EstadoDeFlujo
        public init(si: Condicion, hacia: EstadoDeFlujo) {
            self.si = si
            self.hacia = hacia
        }
    }

    public struct Regla: Hashable, Sendable {
        public let desde: Set<EstadoDeFlujo>
        public let roles: Set<RolDeFlujo>
        public let accion: AccionDeFlujo
        /// The resulting state (`nil`: unchanged).
        public let hacia: EstadoDeFlujo?
        public let guardas: [Guarda]
        public let desvios: [Desvio]

        public init(desde: Set<EstadoDeFlujo>, roles: Set<RolDeFlujo>, accion: AccionDeFlujo, hacia: EstadoDeFlujo?,
                    guardas: [Guarda] = [], desvios: [Desvio] = []) {
            self.desde = desde
            self.roles = roles
            self.accion = accion
            self.hacia = hacia
            self.guardas = guardas
            self.desvios = desvios
        }
    }

    public let reglas: [Regla]

    public init(_ reglas: [Regla]) { self.reglas = reglas }

    /// The rule that applies to `accion` in `estado`, or why none: a wrong state is reported before
    /// a wrong role, and the role before any guard.
    public func regla(desde estado: EstadoDeFlujo, rol: RolDeFlujo, accion: AccionDeFlujo) throws(ErrorFlujo<EstadoDeFlujo, RolDeFlujo, AccionDeFlujo>) -> Regla {
        guard let regla = reglas.first(where: { $0.accion == accion && $0.desde.contains(estado) }) else {
            throw .accionNoPermitida(estado: estado, accion: accion)
        }
        guard regla.roles.contains(rol) else { throw .rolNoAutorizado(rol: rol, accion: accion) }
        return regla
    }

    /// The next state, or why not, given the facts that hold for this evaluation.
    public func transicion(desde estado: EstadoDeFlujo, rol: RolDeFlujo, accion: AccionDeFlujo,
                           hechos: Set<Condicion> = []) throws(ErrorFlujo<EstadoDeFlujo, RolDeFlujo, AccionDeFlujo>) -> EstadoDeFlujo {
        let regla = try regla(desde: estado, rol: rol, accion: accion)
        if let g = regla.guardas.first(where: { hechos.contains($0.si) }) {
            throw .bloqueada(accion: accion, condicion: g.si, motivo: g.motivo)
        }
        if let d = regla.desvios.first(where: { hechos.contains($0.si) }) { return d.hacia }
        return regla.hacia ?? estado
    }

    /// The actions `rol` can take in `estado` (what the page offers), in the table's order.
    public func acciones(estado: EstadoDeFlujo, rol: RolDeFlujo) -> [AccionDeFlujo] {
        var r: [AccionDeFlujo] = []
        for regla in reglas where regla.desde.contains(estado) && regla.roles.contains(rol) && !r.contains(regla.accion) {
            r.append(regla.accion)
        }
        return r
    }

    /// Who may act at all in `estado`.
    public func roles(estado: EstadoDeFlujo) -> Set<RolDeFlujo> {
        reglas.filter { $0.desde.contains(estado) }.reduce(into: Set<RolDeFlujo>()) { $0.formUnion($1.roles) }
    }

    /// The states no rule starts from: the evaluation is over.
    public var finales: Set<EstadoDeFlujo> {
        Set(EstadoDeFlujo.allCases).subtracting(reglas.reduce(into: Set<EstadoDeFlujo>()) { $0.formUnion($1.desde) })
    }

    /// The states reachable from `inicio` through any rule and detour: a table's check that no state is dead.
    public func alcanzables(desde inicio: EstadoDeFlujo) -> Set<EstadoDeFlujo> {
        var vistos: Set<EstadoDeFlujo> = [inicio]
        var cola = [inicio]
        while let e = cola.popLast() {
            for r in reglas where r.desde.contains(e) {
                for h in [r.hacia].compactMap({ $0 }) + r.desvios.map(\.hacia) where vistos.insert(h).inserted {
                    cola.append(h)
                }
            }
        }
        return vistos
    }
}

/// Why an action was refused, for any instrument. Each case carries what a person needs to understand it.
public enum ErrorFlujo<EstadoDeFlujo: ElementoDeFlujo, RolDeFlujo: ElementoDeFlujo, AccionDeFlujo: ElementoDeFlujo>: Error, Hashable, Sendable {
    case accionNoPermitida(estado: EstadoDeFlujo, accion: AccionDeFlujo)
    case rolNoAutorizado(rol: RolDeFlujo, accion: AccionDeFlujo)
    case fueraDeTermino(accion: AccionDeFlujo, vencio: Fecha)
    case antesDeTiempo(accion: AccionDeFlujo, desde: Fecha)
    /// A guard of the rule: a fact of the evaluation that refuses the action for now.
    case bloqueada(accion: AccionDeFlujo, condicion: Condicion, motivo: String)

    public var mensaje: String {
        switch self {
        case .accionNoPermitida(let e, let a):
            "No se puede \(a.nombre): la evaluación está «\(e.nombre)»."
        case .rolNoAutorizado(let r, let a):
            "Como \(r.nombre) no puede \(a.nombre)."
        case .fueraDeTermino(let a, let f):
            "Ya no se puede \(a.nombre): el término venció el \(f.texto)."
        case .antesDeTiempo(let a, let f):
            "Todavía no se puede \(a.nombre): será posible desde el \(f.texto)."
        case .bloqueada(let a, _, let motivo):
            "No se puede \(a.nombre) todavía: \(motivo)"
        }
    }
}
