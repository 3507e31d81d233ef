// Known-item queries in the three styles of the scale evaluation, and which half (tuning or held out) each belongs to.
import { type EvalQuery, SEARCH_QUERIES } from "./search-queries.js";

/**
 * plain: words from the title or abstract; hard: typos, abbreviations, glued or split compounds,
 * author or organisation names; concept: the idea in other words.
 */
export type QueryStyle = "plain" | "hard" | "concept";

export interface StyledQuery {
  query: string;
  /** The exact title of the seed paper it should find. */
  title: string;
  style: QueryStyle;
}

/** The seed evaluation's kinds, read as styles: topic, partial and filter queries are plain words. */
const STYLE_OF_KIND: Readonly<Record<EvalQuery["kind"], QueryStyle>> = {
  topic: "plain",
  partial: "plain",
  filter: "plain",
  typo: "hard",
  acronym: "hard",
  author: "hard",
};

const plain = (query: string, title: string): StyledQuery => ({ query, title, style: "plain" });
const hard = (query: string, title: string): StyledQuery => ({ query, title, style: "hard" });
const concept = (query: string, title: string): StyledQuery => ({ query, title, style: "concept" });

const MINIMAX_M2 = "The MiniMax-M2 Series: Mini Activations Unleashing Max Real-World Intelligence";
const NASH =
  "Scalable and Independent Learning of Nash Equilibrium Policies in n-Player Stochastic Games with Unknown Independent Chains";
const NOLOCO = "NoLoCo: No-all-reduce Low Communication Training Method for Large Models";
const MATMUL_FREE = "Scalable MatMul-free Language Modeling";
const BATCH_LR =
  "Learning Rates as a Function of Batch Size: A Random Matrix Theory Approach to Neural Network Training";

/** Written for the scale evaluation (not tuned against: each was written before its first run). */
export const STYLED_QUERIES: readonly StyledQuery[] = [
  plain("minimax m2 agentic deployment", MINIMAX_M2),
  plain("independent chains stochastic games", NASH),
  plain("minimum entropy coupling", "Minimum Entropy Coupling with Bottleneck"),
  plain(
    "multi-choice crowdsourcing confusion probability",
    "Recovering Top-Two Answers and Confusion Probability in Multi-Choice Crowdsourcing",
  ),
  plain(
    "best of majority inference scaling",
    "Best-of-Majority: Minimax-Optimal Strategy for Pass@k Inference Scaling",
  ),
  plain(
    "fixed budget best arm identification privacy",
    "Fixed-Budget Differentially Private Best Arm Identification",
  ),
  plain(
    "evopress dynamic model compression",
    "EvoPress: Towards Optimal Dynamic Model Compression via Evolutionary Search",
  ),
  plain(
    "hybrid attention reasoning model lightning",
    "MiniMax-M1: Scaling Test-Time Compute Efficiently with Lightning Attention",
  ),
  plain(
    "straight-through estimation extreme llm compression",
    "PV-Tuning: Beyond Straight-Through Estimation for Extreme LLM Compression",
  ),
  plain(
    "optimistic online mirror descent",
    "Optimistic Online Mirror Descent for Bridging Stochastic and Adversarial Online Convex Optimization",
  ),
  plain("pyramid vector quantization llms", "Pyramid Vector Quantization for LLMs"),
  plain(
    "relaxed recursive transformers layer-wise lora",
    "Relaxed Recursive Transformers: Effective Parameter Sharing with Layer-wise LoRA",
  ),
  plain(
    "continual learning dynamic sparse training",
    "Continual Learning with Dynamic Sparse Training: Exploring Algorithms for Effective Model Updates",
  ),
  plain(
    "power scheduler learning rate",
    "Power Scheduler: A Batch Size and Token Number Agnostic Learning Rate Scheduler",
  ),
  plain(
    "trajectory stitching return-conditioned",
    "Free from Bellman Completeness: Trajectory Stitching via Model-based Return-conditioned Supervised Learning",
  ),
  plain(
    "error feedback smoothness constants",
    "Error Feedback Reloaded: From Quadratic to Arithmetic Mean of Smoothness Constants",
  ),
  plain(
    "target-based surrogates stochastic optimization",
    "Target-based Surrogates for Stochastic Optimization",
  ),
  plain(
    "misspecified linear bandits sparsity",
    "Does Sparsity Help in Learning Misspecified Linear Bandits?",
  ),
  plain(
    "mean field games sparse graphs graphex",
    "Learning Mean Field Games on Sparse Graphs: A Hybrid Graphex Approach",
  ),
  plain(
    "hyperparameter optimization multi-objective reinforcement learning",
    "Hyperparameter Optimization for Multi-Objective Reinforcement Learning",
  ),
  plain("parameter competition balancing model merging", "Parameter Competition Balancing for Model Merging"),
  plain(
    "mixture of shards low-rank adaptation",
    "MoS: Unleashing Parameter Efficiency of Low-Rank Adaptation with Mixture of Shards",
  ),

  hard("minimum entrpy couplng bottleneck", "Minimum Entropy Coupling with Bottleneck"),
  hard("evolutonary model mergng recipes", "Evolutionary Optimization of Model Merging Recipes"),
  hard(
    "rectifed flow photo realistic restoraton",
    "Posterior-Mean Rectified Flow: Towards Minimum MSE Photo-Realistic Image Restoration",
  ),
  hard(
    "moe inference optimization survey",
    "A Survey on Inference Optimization Techniques for Mixture of Experts Models",
  ),
  hard("dp best arm identification", "Fixed-Budget Differentially Private Best Arm Identification"),
  hard(
    "morl pareto front discovery",
    "C-MORL: Multi-Objective Reinforcement Learning through Efficient Discovery of Pareto Front",
  ),
  hard(
    "marl microprocessor design",
    "Multi-Agent Reinforcement Learning for Microprocessor Design Space Exploration",
  ),
  hard("sft small llms recipe", "Unveiling the Secret Recipe: A Guide For Supervised Fine-Tuning Small LLMs"),
  hard("allreduce free low communication training", NOLOCO),
  hard("all reduce free training", NOLOCO),
  hard("matmulfree language model", MATMUL_FREE),
  hard("multiagent learning fast and slow", "MANSA: Learning Fast and Slow in Multi-Agent Systems"),
  hard(
    "fullduplex dialogue agents",
    "Beyond Turn-Based Interfaces: Synchronous LLMs as Full-Duplex Dialogue Agents",
  ),
  hard(
    "posttraining vector quantization low bit",
    "VPTQ: Extreme Low-bit Vector Post-Training Quantization for Large Language Models",
  ),
  hard("qin etesami nash equilibrium", NASH),
  hard(
    "mortazavi design space exploration",
    "Theta-Resonance: A Single-Step Reinforcement Learning Method for Design Space Exploration",
  ),
  hard(
    "etesami overparameterized convergence",
    "Faster Convergence of Local SGD for Over-Parameterized Models",
  ),
  hard("aonian li minimax", MINIMAX_M2),
  hard("gensyn low communication", NOLOCO),
  hard(
    "inclusionai trillion thinking",
    "Every Step Evolves: Scaling Reinforcement Learning for Trillion-Scale Thinking Model",
  ),
  hard("microsoft sigma moe tiny", "Sigma-Moe-Tiny Technical Report"),
  hard("openbmb llms end devices", "MiniCPM4: Ultra-Efficient LLMs on End Devices"),

  concept(
    "averaging networks weighted by parameter importance",
    "Merging Models with Fisher-Weighted Averaging",
  ),
  concept(
    "combining fine-tuned models when their parameter updates disagree in sign",
    "Resolving Interference When Merging Models",
  ),
  concept(
    "protect my released weights from being combined with other models",
    "Model Unmerging: Making Your Models Unmergeable for Secure Model Sharing",
  ),
  concept(
    "too large a teacher makes a worse student when compressing language models",
    "Towards the Law of Capacity Gap in Distilling Language Models",
  ),
  concept(
    "small model learns from the explanations a big model writes",
    "Distilling Step-by-Step! Outperforming Larger Language Models with Less Training Data and Smaller Model Sizes",
  ),
  concept("normalize over the hidden units of a layer instead of over the batch", "Layer Normalization"),
  concept(
    "sampling code answers until a flawed unit test accepts one",
    "Inference Scaling FLaws: The Limits of LLM Resampling with Imperfect Verifiers",
  ),
  concept(
    "a separate step size per layer set from gradient noise",
    "Noise-Adaptive Layerwise Learning Rates: Accelerating Geometry-Aware Optimization for Deep Neural Network Training",
  ),
  concept(
    "fine tuning llm weights stored in one or two bits",
    "PV-Tuning: Beyond Straight-Through Estimation for Extreme LLM Compression",
  ),
  concept(
    "merge the key value states of neighbouring layers to save memory",
    "MiniCache: KV Cache Compression in Depth Dimension for Large Language Models",
  ),
  concept(
    "running expert models on a phone with limited memory",
    "D²MoE: Dual Routing and Dynamic Scheduling for Efficient On-Device MoE-based LLM Serving",
  ),
  concept(
    "language model writes formal proofs in isabelle",
    "SubgoalXL: Subgoal-based Expert Learning for Theorem Proving",
  ),
  concept(
    "competition math problems from a forum to train and test without leakage",
    "Leveraging Online Olympiad-Level Math Problems for LLMs Training and Contamination-Resistant Evaluation",
  ),
  concept(
    "robot manipulation policy trained in a day on one graphics card",
    "Train a Multi-Task Diffusion Policy on RLBench-18 in One Day with One GPU",
  ),
  concept(
    "speed up video network training by changing clip size and resolution during training",
    "A Multigrid Method for Efficiently Training Video Models",
  ),
  concept(
    "meeting latency deadlines when serving many chat model requests",
    "Past-Future Scheduler for LLM Serving under SLA Guarantees",
  ),
  concept(
    "reuse a shared prompt beginning across requests in a batch",
    "BatchLLM: Optimizing Large Batched LLM Inference with Global Prefix Sharing and Throughput-oriented Token Batching",
  ),
  concept(
    "travelling salesman heat maps with tree search",
    'Rethinking the "Heatmap + Monte Carlo Tree Search" Paradigm for Solving Large Scale TSP',
  ),
  concept(
    "a chatbot that listens and speaks at the same time",
    "Beyond Turn-Based Interfaces: Synchronous LLMs as Full-Duplex Dialogue Agents",
  ),
  concept(
    "state space model with physics knowledge predicting chaotic dynamics",
    "Mamba Integrated with Physics Principles Masters Long-term Chaotic System Forecasting",
  ),
  concept(
    "an agent that learns where to place data in cache memory",
    "Optimizing Memory Mapping Using Deep Reinforcement Learning",
  ),
  concept(
    "start a new agent from states visited by earlier agents",
    "Snapshot Reinforcement Learning: Leveraging Prior Trajectories for Efficiency",
  ),
  concept(
    "one compromised agent misleading its cooperative teammates",
    "Attacking Cooperative Multi-Agent Reinforcement Learning by Adversarial Minority Influence",
  ),
  concept(
    "reinforcement learning system using thousands of cpu cores",
    "SRL: Scaling Distributed Reinforcement Learning to Over Ten Thousand Cores",
  ),
  concept(
    "erase an object from a video without leaving artifacts",
    "MiniMax-Remover: Taming Bad Noise Helps Video Object Removal",
  ),
  concept(
    "make mouth movements match the speech in generated video",
    "OmniSync: Towards Universal Lip Synchronization via Diffusion Transformers",
  ),
  concept(
    "one model that generates the sound and the picture together",
    "Harmony: Harmonizing Audio and Video Generation through Cross-Task Synergy",
  ),
  concept(
    "tuning every weight across many clients with shared random seeds",
    "Ferret: Federated Full-Parameter Tuning at Scale for Large Language Models",
  ),
  concept(
    "private counts released continually over a stream",
    "The Price of Differential Privacy under Continual Observation",
  ),
  concept(
    "largest fully connected group of vertices balanced across attributes",
    "Efficient Maximum Fair Clique Search over Large Networks",
  ),
  concept("the best learning rate grows with the square root of the batch", BATCH_LR),
  concept(
    "curriculum of environments chosen by a teacher for a deep rl student",
    "Teacher algorithms for curriculum learning of Deep RL in continuously parameterized environments",
  ),
];

/** Every query of the scale evaluation: the seed evaluation's queries (as styles) and the ones above. */
export function allStyledQueries(): StyledQuery[] {
  return [
    ...SEARCH_QUERIES.map(({ query, title, kind }) => ({ query, title, style: STYLE_OF_KIND[kind] })),
    ...STYLED_QUERIES,
  ];
}

/**
 * The fixed split: a query is held out when the FNV-1a hash of its text is odd, tuned on when even.
 * It depends on nothing but the query's own text, so adding queries never moves an old one.
 */
export function isHeldOut(query: string): boolean {
  let hash = 0x811c9dc5;
  for (let i = 0; i < query.length; i++) hash = Math.imul(hash ^ query.charCodeAt(i), 0x01000193) >>> 0;
  return (hash & 1) === 1;
}
