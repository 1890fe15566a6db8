# Independent numpy reference for the transfusion samplers (improved-diffusion style respacing), used to pin
# the numbers in the Java full-loop tests.
import math, numpy as np

class JavaRandom:
    MULT = 0x5DEECE66D; MASK = (1 << 48) - 1
    def __init__(self, seed):
        self.seed = (seed ^ self.MULT) & self.MASK; self.have = False
    def next(self, bits):
        self.seed = (self.seed * self.MULT + 0xB) & self.MASK
        r = self.seed >> (48 - bits)
        if r >= 1 << (bits - 1): r -= 1 << bits
        return r
    def next_double(self):
        return (((self.next(26) & ((1<<26)-1)) << 27) + (self.next(27) & ((1<<27)-1))) * 2.0**-53
    def gauss(self):
        if self.have:
            self.have = False; return self.nn
        while True:
            v1 = 2*self.next_double()-1; v2 = 2*self.next_double()-1; s = v1*v1+v2*v2
            if 0 < s < 1: break
        m = math.sqrt(-2*math.log(s)/s)
        self.nn = v2*m; self.have = True
        return v1*m

def cosine_ab(T, s=0.008):
    f = lambda t: math.cos((t/T + s)/(1+s)*math.pi/2)**2
    betas = [min(1 - f(i+1)/f(i), 0.999) for i in range(T)]
    return np.concatenate([[1.0], np.cumprod(1 - np.array(betas))])

def linear_ab(T, b0=1e-4, b1=0.02):
    return np.concatenate([[1.0], np.cumprod(1 - np.linspace(b0, b1, T))])

def spacing(kind, T, n):
    if kind == 'trailing':
        return [int(x) for x in np.round(np.arange(T, 0, -T/n))]
    if kind == 'leading':
        return [int(x)+1 for x in (np.arange(0, n) * (T//n)).round()[::-1]]
    if kind == 'linspace':
        return [int(x)+1 for x in np.linspace(0, T-1, n).round()[::-1]]

def f32(a): return np.asarray(a, dtype=np.float64).astype(np.float32).astype(np.float64)

def toy(x, t):
    i = np.arange(x.size)
    return f32(0.5*x + 0.1*np.sin(0.01*t + i))

def interp(obj, ab, T, out, x, t):
    if obj == 'flow':
        sg = t/T; return f32(x - sg*out), f32((1-sg)*out + x)
    a, b = math.sqrt(ab[t]), math.sqrt(1-ab[t])
    if obj == 'epsilon': return f32((x - b*out)/a), f32(out)
    if obj == 'x0': return f32(out), f32((x - a*out)/b)
    if obj == 'v': return f32(a*x - b*out), f32(a*out + b*x)

def run(sampler, obj, ab, T, ts, noise, seed, eta=0.0, clip=1.0):
    rng = JavaRandom(seed); x = f32(noise)
    for k, t in enumerate(ts):
        s = ts[k+1] if k+1 < len(ts) else 0
        x0, eps = interp(obj, ab, T, toy(x, t), x, t)
        if sampler in ('ddpm', 'ddim') and clip > 0: x0 = f32(np.clip(x0, -clip, clip))
        if sampler == 'ddpm':
            # respaced posterior q(x_s | x_t, x0)
            beta = 1 - ab[t]/ab[s]
            c1 = beta*math.sqrt(ab[s])/(1-ab[t]); c2 = (1-ab[s])*math.sqrt(1-beta)/(1-ab[t])
            var = beta*(1-ab[s])/(1-ab[t])
            z = np.array([rng.gauss() for _ in range(x.size)]) if s > 0 else 0
            x = f32(c1*x0 + c2*x + (math.sqrt(var)*z if s > 0 else 0))
        elif sampler == 'ddim':
            eps = f32((x - math.sqrt(ab[t])*x0)/math.sqrt(1-ab[t]))
            sig = eta*math.sqrt((1-ab[s])/(1-ab[t]))*math.sqrt(1-ab[t]/ab[s])
            z = np.array([rng.gauss() for _ in range(x.size)]) if (s > 0 and sig != 0) else 0
            x = f32(math.sqrt(ab[s])*x0 + math.sqrt(1-ab[s]-sig*sig)*eps + sig*z)
        elif sampler == 'euler':
            x = f32(x + (s-t)/T*(eps - x0))
        elif sampler == 'heun':
            v1 = f32(eps - x0); xe = f32(x + (s-t)/T*v1)
            if s == 0: x = xe
            else:
                x0b, epsb = interp(obj, ab, T, toy(xe, s), xe, s)
                v2 = f32(epsb - x0b); x = f32(x + (s-t)/T*f32(0.5*(v1+v2)))
    return x

T = 1000
r = JavaRandom(7); noise = np.array([r.gauss() for _ in range(6)])
print('noise', [repr(float(np.float32(v))) for v in noise])
cos = cosine_ab(T); lin = linear_ab(T)
cases = [('ddpm','epsilon',cos,'trailing',0.0,1.0), ('ddim','v',cos,'trailing',0.5,1.0),
         ('ddpm','x0',lin,'linspace',0.0,1.0), ('ddim','epsilon',cos,'leading',0.0,0.0),
         ('euler','flow',cos,'trailing',0,0), ('heun','flow',cos,'trailing',0,0)]
for smp, obj, ab, sp, eta, clip in cases:
    ts = spacing(sp, T, 10)
    out = run(smp, obj, ab, T, ts, noise, 42, eta, clip)
    print(smp, obj, sp, ts, ', '.join('%.7ff' % v for v in out))
for sp in ('trailing','leading','linspace'):
    print(sp, spacing(sp, 1000, 50)[:3], spacing(sp, 1000, 50)[-2:], spacing(sp, 10, 3), spacing(sp, 7, 7))
